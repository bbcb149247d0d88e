"""One workbook of a batch, in a worker: the pipeline (the gate of ``generate``) with the time of
each stage; its documents and its findings written into the staging folder, a small
:class:`~.records.AgencyResult` returned (never the documents' bytes)."""
from __future__ import annotations

from pathlib import Path

from ..present import error_line
from .records import CHECKS_FAILED, FAILED, AgencyResult


def _count(result: AgencyResult, findings) -> None:
    """The agency's counts as every front end says them (``present.tally``)."""
    from ..present import tally

    t = tally(findings)
    result.errors, result.warnings, result.acknowledged = t.errors, t.warnings, t.acknowledged
    result.error_codes, result.warning_codes = list(t.error_codes), list(t.warning_codes)
    result.findings = list(findings)


def _stage_findings(result: AgencyResult, findings, staging: Path | None) -> None:
    """The agency's findings as ``ita-xl check`` prints them, staged until its name is known."""
    if staging is None or not findings:
        return
    from ..present import format_text

    path = staging / f"{result.index:06d}.findings.txt"
    path.write_text(format_text(findings, result.workbook.name) + "\n", encoding="utf-8-sig")
    result.staged_findings = path


def _rating(settings) -> str:
    """Last year's result as the tracker states it: the grade typed, else the band of the typed
    overall score in the year's framework (when its scale is known), else blank."""
    grade = settings.overall_grade
    if grade is not None and str(grade).strip():
        return str(grade).strip()
    score = settings.overall_score
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        from ..framework import of

        fw = of(settings)
        band = fw.band_for(float(score)) if fw is not None else None
        if band is not None:
            return band.label
    return ""


def process_one(index: int, workbook: Path, staging: Path | None, templates: Path | None,
                force: bool, emblem: Path | None = None,
                check_only: bool = False) -> AgencyResult:
    """The pipeline (the gate of ``generate``), staged, with the time of each step; with
    ``check_only`` it stops after the checks."""
    from ..checks import has_errors
    from ..errors import ChecksFailed
    from ..pipeline import Run, check, prepare, write

    result = AgencyResult(index, workbook)
    run = Run(on_stage=lambda stage, seconds: result.timings.__setitem__(stage, seconds))
    try:
        try:
            if check_only:
                check(workbook, run)
            else:
                prepare(workbook, templates=templates, force=force, emblem=emblem, run=run)
        finally:  # what the stages found before one of them stopped
            if run.tracker is not None:
                s = run.tracker.settings
                result.agency = str(s.agency or "").strip()
                result.fiscal_year, result.round = s.fiscal_year, s.round
                result.rating = _rating(s)
            if "check" in run.timings:
                _count(result, run.findings)
        if check_only:
            if has_errors(run.findings):
                result.status = CHECKS_FAILED
            _stage_findings(result, run.findings, staging)
            return result
        _stage_findings(result, run.findings, staging)
        result.forced = run.forced
        if result.forced:  # --force never changes data: the cells printed as typed are named
            from ..present import forced_note

            result.message = forced_note(run.findings, run.cleaned.typed_cells(),
                                         run.cleaned.placeholder_cells())
        run.tracker = None  # nothing big stays in memory
        folder = staging / f"{index:06d}"
        result.documents = [w.path for w in write(run, folder, staging=True)]
        result.staged = folder
    except ChecksFailed as exc:
        result.status, result.message = CHECKS_FAILED, error_line(exc)
        _stage_findings(result, exc.findings, staging)
    except Exception as exc:  # one bad workbook must not stop the batch
        result.status = FAILED
        result.message = error_line(exc)
        result.documents = []
    return result
