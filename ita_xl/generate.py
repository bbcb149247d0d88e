"""The main job: workbook → model → checks → documents (→ PDF).

``generate`` is what the CLI, the Excel ribbon (``ita_xl.excel``) and batch runs call.  It reads
the workbook once (never writing to it), runs the checks, renders both documents in memory and
only then writes them, so a failure at any step leaves no partial output behind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .context import Cleaned, build_context, round_slug
from .model import Tracker
from .output import Written, write_atomic
from .reader import read_tracker
from .render import TEMPLATE_NAMES, render, templates_dir

DOC_KINDS = {"memo.docx": "memo", "report.docx": "report"}


def document_names(tracker: Tracker) -> dict[str, str]:
    """Stable output names per template, e.g. ``ITA2565_6m_memo.docx``."""
    fy = tracker.settings.fiscal_year
    year = str(fy) if isinstance(fy, int) else "year"
    return {tpl: f"ITA{year}_{round_slug(tracker)}_{DOC_KINDS[tpl]}.docx" for tpl in TEMPLATE_NAMES}


def render_documents(tracker: Tracker, templates: Path | None = None,
                     cleaned: Cleaned | None = None) -> dict[str, bytes]:
    """Render every template for ``tracker``; returns {output file name: docx bytes}."""
    templates = templates or templates_dir()
    context = build_context(tracker, cleaned)
    names = document_names(tracker)
    return {names[tpl]: render(templates / tpl, context) for tpl in TEMPLATE_NAMES}


@dataclass
class GenerateResult:
    tracker: Tracker
    documents: list[Written] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    cleaned: Cleaned = field(default_factory=Cleaned)

    @property
    def paths(self) -> list[Path]:
        return [w.path for w in self.documents]


def write_documents(rendered: dict[str, bytes], outdir: Path) -> list[Written]:
    return [write_atomic(outdir / name, data) for name, data in rendered.items()]


def generate(workbook: Path, outdir: Path, *, templates: Path | None = None) -> GenerateResult:
    """Read ``workbook`` and write the memo and the report into ``outdir``."""
    tracker = read_tracker(workbook)
    result = GenerateResult(tracker)
    rendered = render_documents(tracker, templates, result.cleaned)
    result.documents = write_documents(rendered, outdir)
    return result
