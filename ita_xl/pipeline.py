"""The one core every front end calls: read → check → gate → render.

``ita-xl generate`` and the ribbon (through :mod:`ita_xl.generate`), ``ita-xl batch``
(:mod:`ita_xl.batch`), ``ita-xl check``, the ribbon's check button and the cell functions
(:mod:`ita_xl.udfs`) all go through here, so a change to a stage — above all to the gate that
stops on errors — is made once.

* **read**: the workbook file → ``Tracker`` (:func:`ita_xl.reader.read_tracker`), never
  writing to it.  A ``Tracker`` built elsewhere (the cell functions build one from the values
  Excel passes, through the reader's :func:`~ita_xl.reader.add_table`) skips this stage.
* **check**: every rule (:func:`ita_xl.checks.run_checks`).
* **gate**: an error among the findings raises ``ChecksFailed`` (carrying the findings)
  unless ``force``; then ``run.forced`` is set.
* **render**: both documents in memory (:func:`render_documents`), and an ITA601 warning for
  every cell the text clean-up changed.

Writing the bytes is the caller's (``generate`` writes atomically into the output folder,
``batch`` into its staging folder).  A :class:`Run` keeps what each stage produced — also when
a later stage raises, so ``batch`` can still name the agency and count its findings — and the
seconds each stage took (``run.timings``; ``on_stage(name, seconds)`` is called as each ends).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Finding, has_errors, run_checks
from .context import Cleaned
from .errors import ChecksFailed, UsageError
from .model import Tracker
from .reader import read_tracker
from .resources import TEMPLATE_NAMES, templates_dir

# The render stage's modules (docxtpl, Jinja2) are imported when it runs: `ita-xl check` and the
# cell functions never pay for them.

STAGES = ("read", "check", "render")
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
    documents: dict[str, bytes] = field(default_factory=dict)  # output file name → .docx
    timings: dict[str, float] = field(default_factory=dict)  # seconds per finished stage
    on_stage: Callable[[str, float], None] | None = field(default=None, repr=False)

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
    """read → check → gate → render: ``run.documents`` holds both documents, unwritten.

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
    run.documents = render_documents(run.tracker, templates, run.cleaned, emblem=run.emblem)
    from .checks.rules.text import cleaned_findings

    run.findings = cleaned_findings(run.findings, run.cleaned, run.tracker)
    run._done("render", started)
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
