"""Write one agency's documents: the pipeline's result, written safely (→ PDF).

``generate`` is what ``ita-xl generate`` and the ribbon's buttons (``ita_xl.excel``) call.  The
stages themselves (read → check → gate → render) are :mod:`ita_xl.pipeline`'s; this module
only writes what the pipeline rendered in memory, so a failure at any step leaves no partial
output behind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import Finding
from .context import Cleaned
from .model import Tracker
from .output import Written, write_atomic
from .pipeline import prepare
from .procs import sweep


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
    run = prepare(workbook, templates=templates, force=force, emblem=emblem)
    result = GenerateResult(run.tracker, cleaned=run.cleaned, findings=run.findings,
                            forced=run.forced, emblem=run.emblem)
    sweep(outdir)  # temporary files a killed run left in the output folder
    result.documents = write_documents(run.documents, outdir)
    run.documents.clear()
    if pdf:
        from .convert import to_pdf

        result.pdfs = to_pdf(result.paths, outdir)
    return result
