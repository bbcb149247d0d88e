"""The one core every front end calls: read → check → gate → render → write → PDF.

``ita-xl generate`` and the ribbon's buttons (:func:`generate`), ``ita-xl batch``
(:mod:`ita_xl.batch`: :func:`prepare`, :func:`write` into its staging folder, :func:`to_pdfs`
for many agencies at once), ``ita-xl check``, the ribbon's check button and the cell functions
(:func:`check`) all go through here, so a change to a stage — above all to the gate that stops
on errors — is made once.

* **read**: the workbook file → ``Tracker`` (:func:`ita_xl.reader.read_tracker`), never
  writing to it.  A ``Tracker`` built elsewhere (the cell functions build one from the values
  Excel passes, through the reader's :func:`~ita_xl.reader.add_table`) skips this stage.
* **check**: every rule (:func:`ita_xl.checks.run_checks`).
* **gate**: an error among the findings raises ``ChecksFailed`` (carrying the findings)
  unless ``force``; then ``run.forced`` is set.
* **render**: both documents in memory (:func:`render_documents`), and an ITA601 warning for
  every cell the text clean-up changed.
* **write**: into the output folder, each document atomically (``… (2).docx`` when the old one
  is locked), so a failure at any step leaves no partial output; or into a private staging
  folder (``batch``), plainly.  Each document's bytes are dropped as it is written.
* **pdf**: the written documents converted with one LibreOffice run (:func:`make_pdfs`).

A :class:`Run` keeps what each stage produced — also when a later stage raises, so ``batch``
can still name the agency and count its findings, and the CLI can list the PDFs made before a
conversion failed — and the seconds each stage took (``run.timings``; ``on_stage(name,
seconds)`` is called as each ends, so a front end can report a stage before the next starts).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Finding, cleaned_findings, has_errors, run_checks
from .cleaning import Cleaned
from .errors import ChecksFailed, UsageError
from .model import Tracker
from .output import Written, write_atomic
from .procs import sweep
from .reader import read_tracker
from .resources import TEMPLATE_NAMES, templates_dir

# The render stage's modules (docxtpl, Jinja2) and the PDF stage's are imported when they run:
# `ita-xl check` and the cell functions never pay for them.

STAGES = ("read", "check", "render", "write", "pdf")
DOC_KINDS = {"memo.docx": "memo", "report.docx": "report"}
EMBLEM_NAMES = ("emblem.png", "emblem.jpg", "emblem.jpeg")


@dataclass
class Run:
    """What the stages of one workbook produced so far."""

    workbook: Path | None = None
    tracker: Tracker | None = None
    findings: list[Finding] = field(default_factory=list)  # sorted; after render incl. clean-up
    forced: bool = False  # rendered despite errors (force=True)
    emblem: Path | None = None  # the Garuda emblem printed on the memo (None: none found)
    cleaned: Cleaned = field(default_factory=Cleaned)
    rendered: dict[str, bytes] = field(default_factory=dict)  # file name → .docx, until written
    written: list[Written] = field(default_factory=list)  # the documents, in file name order
    pdfs: list[Path] = field(default_factory=list)  # made so far, in the order of ``written``
    timings: dict[str, float] = field(default_factory=dict)  # seconds per finished stage
    on_stage: Callable[[str, float], None] | None = field(default=None, repr=False)

    @property
    def paths(self) -> list[Path]:
        """Where the documents were written."""
        return [w.path for w in self.written]

    def _done(self, stage: str, started: float) -> None:
        self.timings[stage] = seconds = time.perf_counter() - started
        if self.on_stage is not None:
            self.on_stage(stage, seconds)


def check(source: str | Path | Tracker, run: Run | None = None) -> Run:
    """read (unless ``source`` is already a ``Tracker``) → check."""
    run = run if run is not None else Run()
    if isinstance(source, Tracker):
        run.tracker = source
    else:
        run.workbook = Path(source)
        started = time.perf_counter()
        run.tracker = read_tracker(run.workbook)
        run._done("read", started)
    started = time.perf_counter()
    run.findings = run_checks(run.tracker)
    run._done("check", started)
    return run


def prepare(workbook: str | Path, *, templates: Path | None = None, force: bool = False,
            emblem: Path | None = None, run: Run | None = None) -> Run:
    """read → check → gate → render: ``run.rendered`` holds both documents, unwritten.

    Raises ``ChecksFailed`` (with the findings) when the checks find an error, unless
    ``force``; ``WorkbookError``, ``TemplateError`` … as the stages raise them.
    """
    run = check(workbook, run)
    if has_errors(run.findings):  # the gate
        if not force:
            raise ChecksFailed(run.findings, run.workbook.name if run.workbook else "")
        run.forced = True
    started = time.perf_counter()
    templates = templates or templates_dir()
    run.emblem = find_emblem(templates, emblem)
    run.rendered = render_documents(run.tracker, templates, run.cleaned, emblem=run.emblem)
    run.findings = cleaned_findings(run.findings, run.cleaned, run.tracker)
    run._done("render", started)
    return run


def write(run: Run, folder: Path, *, staging: bool = False) -> list[Written]:
    """The write stage: every rendered document into ``folder`` (``run.written``, by name).

    Into an output folder, each atomically (``output.write_atomic``: complete or not at all,
    ``… (2).docx`` when the old file is locked), after removing what a killed run left there.
    Into a private ``staging`` folder (``batch``), plainly: fsync'ing each file would cost more
    than rendering, and the batch moves each into place with ``os.replace``.  Each document's
    bytes are dropped as it is written, so nothing big stays in memory.
    """
    started = time.perf_counter()
    if staging:
        folder.mkdir(parents=True, exist_ok=True)
    else:
        sweep(folder)  # temporary files a killed run left in the output folder
    for name in list(run.rendered):
        data = run.rendered.pop(name)
        if staging:
            (folder / name).write_bytes(data)
            run.written.append(Written(folder / name, folder / name))
        else:
            run.written.append(write_atomic(folder / name, data))
    run.written.sort(key=lambda w: w.intended.name)
    run._done("write", started)
    return run.written


def make_pdfs(run: Run, outdir: Path) -> list[Path]:
    """The PDF stage: the written documents to PDF in ``outdir`` with one LibreOffice run.

    ``run.pdfs`` holds the PDFs made, also when some failed: then ``ConversionError`` is raised
    after (the .docx files stay; no PDF of earlier data is left beside them).
    """
    from .convert import ConversionError

    started = time.perf_counter()
    try:
        run.pdfs = to_pdfs(run.paths, outdir)
    except ConversionError as exc:
        run.pdfs = list(exc.converted)
        raise
    run._done("pdf", started)
    return run.pdfs


def to_pdfs(documents: list[Path], outdir: Path | None = None, **options) -> list[Path]:
    """The PDF stage's conversion, for one agency's documents or (``batch``) many agencies' at
    once: ``convert.to_pdf`` (options as there)."""
    from .convert import to_pdf

    return to_pdf(documents, outdir, **options)


def generate(workbook: str | Path, outdir: Path, *, templates: Path | None = None,
             pdf: bool = False, force: bool = False, emblem: Path | None = None,
             run: Run | None = None) -> Run:
    """Every stage for one agency: read → check → gate → render → write into ``outdir`` (→ PDF).

    When the checks find an error, nothing is written and ``ChecksFailed`` is raised with the
    findings in ``.findings``; ``force=True`` writes the documents anyway and sets
    ``run.forced``.  Warnings never block; they are in ``run.findings`` together with any
    control characters the text clean-up removed.  With ``pdf``, a ``ConversionError`` leaves
    the .docx files in place (and ``run.pdfs`` the PDFs that were made).
    """
    run = prepare(workbook, templates=templates, force=force, emblem=emblem, run=run)
    write(run, outdir)
    if pdf:
        make_pdfs(run, outdir)
    return run


def document_names(tracker: Tracker) -> dict[str, str]:
    """Stable output names per template, e.g. ``ITA2565_6m_memo.docx``."""
    from .context import round_slug

    fy = tracker.settings.fiscal_year
    year = str(fy) if isinstance(fy, int) else "year"
    return {tpl: f"ITA{year}_{round_slug(tracker)}_{DOC_KINDS[tpl]}.docx" for tpl in TEMPLATE_NAMES}


def find_emblem(templates: Path, emblem: Path | None = None) -> Path | None:
    """The Garuda emblem to print on the memo: ``emblem`` if given, else ``emblem.png`` (or
    .jpg) in the templates folder, else None (the memo then starts with its heading)."""
    if emblem is not None:
        if not emblem.is_file() or emblem.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
            raise UsageError(f"ไม่พบไฟล์ภาพตราครุฑ {emblem} (ต้องเป็น .png หรือ .jpg)",
                           f"Emblem picture {emblem} not found (a .png or .jpg is needed).",
                           where=str(emblem))
        return emblem
    return next((templates / n for n in EMBLEM_NAMES if (templates / n).is_file()), None)


def render_documents(tracker: Tracker, templates: Path | None = None,
                     cleaned: Cleaned | None = None, *,
                     emblem: Path | None = None) -> dict[str, bytes]:
    """Render every template for ``tracker``; returns {output file name: docx bytes}."""
    from .context import build_context
    from .render import render

    templates = templates or templates_dir()
    context = build_context(tracker, cleaned)
    names = document_names(tracker)
    picture = find_emblem(templates, emblem)
    images = {"emblem": picture} if picture else None
    return {names[tpl]: render(templates / tpl, context, images=images)
            for tpl in TEMPLATE_NAMES}
