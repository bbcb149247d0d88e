"""What a batch produced: one :class:`AgencyResult` per workbook, the :class:`BatchResult`
around them, the statuses a row can have and the names of the files every batch writes."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUMMARY_CSV = "summary.csv"
SUMMARY_JSON = "summary.json"
FINDINGS_DIR = "findings"  # OUTDIR/findings/<agency folder name>.txt
STAGES = ("read", "check", "render", "write", "pdf")

#: Status of a row: documents written (or, with check_only, checked); nothing written
#: (unreadable, or the checks found errors); documents written but not all PDFs; Ctrl-C came first.
OK, FAILED, CHECKS_FAILED, PDF_FAILED = "ok", "failed", "checks failed", "pdf failed"
UNFINISHED = "unfinished"
UNFINISHED_MESSAGE = "ยกเลิก (Ctrl-C) ก่อนทำเสร็จ / interrupted (Ctrl-C) before it was done"

Progress = Callable[[str, int, int], None]  # (stage, advance, total)


@dataclass
class AgencyResult:
    """One workbook of the batch: what came out of it, or why nothing did."""

    index: int
    workbook: Path
    agency: str = ""
    folder: Path | None = None
    status: str = OK
    message: str = ""
    errors: int | None = None  # findings of the checks (None: the workbook was not read)
    warnings: int | None = None  # not counting warnings acknowledged in the workbook
    acknowledged: int | None = None  # warnings acknowledged in the workbook (not counted)
    fiscal_year: Any = None
    round: Any = None
    rating: str = ""  # last year's grade/rating as typed, or the band of the typed score
    error_codes: list[str] = field(default_factory=list)
    warning_codes: list[str] = field(default_factory=list)
    findings_file: Path | None = None  # OUTDIR/findings/<name>.txt once placed
    slug: str = ""  # the agency's folder name (also names its findings file)
    forced: bool = False  # written despite errors (force=True)
    documents: list[Path] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # an earlier run's documents, now stale
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    staged: Path | None = field(default=None, repr=False)
    staged_findings: Path | None = field(default=None, repr=False)
    findings: list[Any] = field(default_factory=list, repr=False)  # for --junit / annotations

    @property
    def ok(self) -> bool:
        return self.status == OK

    def as_dict(self, outdir: Path | None = None) -> dict[str, Any]:
        def rel(path: Path | None) -> str:
            if path is None:
                return ""
            try:
                return str(path.relative_to(outdir)) if outdir else str(path)
            except ValueError:
                return str(path)

        return {
            "agency": self.agency,
            "workbook": str(self.workbook),
            "folder": rel(self.folder),
            "fiscal_year": self.fiscal_year,
            "round": self.round,
            "rating": self.rating,
            "errors": self.errors,
            "warnings": self.warnings,
            "acknowledged": self.acknowledged,
            "error_codes": " ".join(self.error_codes),
            "warning_codes": " ".join(self.warning_codes),
            "findings": rel(self.findings_file),
            "documents": [p.name for p in self.documents],
            "removed": list(self.removed),
            "status": self.status,
            "message": self.message,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()},
        }


@dataclass
class BatchResult:
    outdir: Path
    agencies: list[AgencyResult]
    pdf: bool = False
    jobs: int = 1
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # wall time per phase
    peak_rss_worker_kb: int = 0  # largest worker process (the main process when jobs=1)
    peak_rss_soffice_kb: int = 0  # largest LibreOffice process
    check_only: bool = False
    interrupted: bool = False  # Ctrl-C: rows not done are UNFINISHED

    @property
    def failed(self) -> list[AgencyResult]:
        return [a for a in self.agencies if not a.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def document_count(self) -> int:
        """The files written for all agencies (each agency's ``documents`` are its paths)."""
        return sum(len(a.documents) for a in self.agencies)
