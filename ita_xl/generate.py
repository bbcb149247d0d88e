"""The main job: workbook → model → checks → documents (→ PDF).

``generate`` is what the CLI, the Excel ribbon (``ita_xl.excel``) and batch runs call.  It reads
the workbook once (never writing to it), runs the checks, renders both documents in memory and
only then writes them, so a failure at any step leaves no partial output behind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import Finding, checks_failed, cleaned_findings, has_errors, run_checks
from .context import Cleaned, build_context, round_slug
from .errors import ItaError
from .model import Tracker
from .output import Written, write_atomic
from .procs import sweep
from .reader import read_tracker
from .render import TEMPLATE_NAMES, render, templates_dir

DOC_KINDS = {"memo.docx": "memo", "report.docx": "report"}


def document_names(tracker: Tracker) -> dict[str, str]:
    """Stable output names per template, e.g. ``ITA2565_6m_memo.docx``."""
    fy = tracker.settings.fiscal_year
    year = str(fy) if isinstance(fy, int) else "year"
    return {tpl: f"ITA{year}_{round_slug(tracker)}_{DOC_KINDS[tpl]}.docx" for tpl in TEMPLATE_NAMES}


EMBLEM_NAMES = ("emblem.png", "emblem.jpg", "emblem.jpeg")


def find_emblem(templates: Path, emblem: Path | None = None) -> Path | None:
    """The Garuda emblem to print on the memo: ``emblem`` if given, else ``emblem.png`` (or
    .jpg) in the templates folder, else None (the memo then starts with its heading)."""
    if emblem is not None:
        if not emblem.is_file() or emblem.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
            raise ItaError(f"ไม่พบไฟล์ภาพตราครุฑ {emblem} (ต้องเป็น .png หรือ .jpg)",
                           f"Emblem picture {emblem} not found (a .png or .jpg is needed).",
                           where=str(emblem))
        return emblem
    return next((templates / n for n in EMBLEM_NAMES if (templates / n).is_file()), None)


def render_documents(tracker: Tracker, templates: Path | None = None,
                     cleaned: Cleaned | None = None, *,
                     emblem: Path | None = None) -> dict[str, bytes]:
    """Render every template for ``tracker``; returns {output file name: docx bytes}."""
    templates = templates or templates_dir()
    context = build_context(tracker, cleaned)
    names = document_names(tracker)
    picture = find_emblem(templates, emblem)
    images = {"emblem": picture} if picture else None
    return {names[tpl]: render(templates / tpl, context, images=images)
            for tpl in TEMPLATE_NAMES}


@dataclass
class GenerateResult:
    tracker: Tracker
    documents: list[Written] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    cleaned: Cleaned = field(default_factory=Cleaned)
    findings: list[Finding] = field(default_factory=list)  # what the checks found (sorted)
    forced: bool = False  # written despite errors in the findings (force=True)
    emblem: Path | None = None  # the Garuda emblem on the memo; None: the CLI says how to add one

    @property
    def paths(self) -> list[Path]:
        return [w.path for w in self.documents]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def write_documents(rendered: dict[str, bytes], outdir: Path) -> list[Written]:
    return [write_atomic(outdir / name, data) for name, data in rendered.items()]


def generate(workbook: Path, outdir: Path, *, templates: Path | None = None,
             pdf: bool = False, force: bool = False,
             emblem: Path | None = None) -> GenerateResult:
    """Read ``workbook`` and write the memo and the report into ``outdir``.

    The checks run first (``ita_xl.checks``).  When they find an error, nothing is written and
    ``ChecksFailed`` is raised with the findings in ``.findings``; ``force=True`` writes the
    documents anyway and sets ``result.forced``.  Warnings never block; they are in
    ``result.findings`` together with any control characters the text clean-up removed.

    ``pdf=True`` also converts both documents with one LibreOffice run (``convert.to_pdf``);
    a ``ConversionError`` then leaves the .docx files in place (and no PDF of earlier data).
    """
    tracker = read_tracker(workbook)
    result = GenerateResult(tracker)
    result.findings = run_checks(tracker)
    if has_errors(result.findings):
        if not force:
            raise checks_failed(result.findings, Path(workbook).name)
        result.forced = True
    result.emblem = find_emblem(templates or templates_dir(), emblem)
    rendered = render_documents(tracker, templates, result.cleaned, emblem=result.emblem)
    result.findings = cleaned_findings(result.findings, result.cleaned, tracker)
    sweep(outdir)  # temporary files a killed run left in the output folder
    result.documents = write_documents(rendered, outdir)
    del rendered
    if pdf:
        from .convert import to_pdf

        result.pdfs = to_pdf(result.paths, outdir)
    return result
