"""How errors and findings are shown to people: the one home of every rendering.

Thai first, English after, with the file, sheet and cell.  Each front end picks its form here:

* terminal (``ita-xl``): :func:`error_text` (what ``str(ItaError)`` prints), :func:`format_text`
  and :func:`summary` for the checks, :func:`unexpected_lines` for a bug;
* JSON (``ita-xl check --format json``): :func:`format_json`;
* one line (``batch``'s summary.csv/json): :func:`error_line`;
* Excel message box (the ribbon, ``excel.py``): :func:`error_box`, :func:`box_summary`,
  :func:`unexpected_box`;
* Excel check sheet: :func:`check_sheet_rows` (with :func:`hyperlink_formula`);
* cells (``udfs.py``): :func:`finding_rows`, :func:`error_rows`, :func:`row_status`,
  :func:`cell_error`.

Counting is done here once too: :func:`tally` is what every front end says about a run's
findings (errors, open warnings, acknowledged warnings, the status), and :func:`counts_th` /
:func:`counts_en` the one sentence that says it — in ``check``'s report, ``generate``'s closing
line (:func:`findings_line`), the ribbon's message box (:func:`box_summary`,
:func:`generated_box`), ``batch``'s table, summary files and findings files.  Acknowledged
warnings are never counted as warnings anywhere: they only make the tail "(รับทราบแล้ว N รายการ)".

Digits: everything a person reads on a screen or in a summary file — terminal, message box,
summary.csv/json, JUnit XML — uses Arabic digits (0-9), as cell references, file names and the
English half do.  Thai digits (๐-๙) are for the documents alone, as the tracker's digits
setting says.

Severity words and marks are defined here once (:data:`SEVERITY_TH`, :data:`MARK`).  Nothing
here imports more than the standard library at start-up, so every command can afford it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)
SEVERITY_TH = {ERROR: "ข้อผิดพลาด", WARNING: "คำเตือน"}
MARK = {ERROR: "✖", WARNING: "⚠"}

#: Header of the spilled ``ITA_FINDINGS`` table and what it shows when all is well.
FINDINGS_HEADER = ["รหัส", "ระดับ", "ตำแหน่ง", "ปัญหา"]
NO_FINDINGS = "ไม่พบปัญหา"
NO_FINDINGS_EN = "No problems found"
#: ``ITA_ROWSTATUS``: the header cell and a row without findings.
STATUS_HEADER = "สถานะ"
STATUS_OK = "OK"
#: An acknowledged warning, on the check sheet (it is not counted anywhere).
ACKNOWLEDGED_TH = "รับทราบแล้ว"
#: Findings spelled out in a message box; the check sheet has them all.
MAX_LISTED = 5


def severity_label(severity: str) -> str:
    """``✖ ข้อผิดพลาด`` / ``⚠ คำเตือน``: the severity as cells and the check sheet show it."""
    return f"{MARK.get(severity, '')} {SEVERITY_TH.get(severity, severity)}"


# ---------------------------------------------------------------------------------------------
# Errors (``ItaError``: message_th, message_en, where, hint_th, hint_en)

def _at(exc: Any) -> str:
    return f" [{exc.where}]" if exc.where else ""


def error_text(exc: Any) -> str:
    """The terminal form: Thai line, English line (each with the place), then the hints."""
    lines = [f"{exc.message_th}{_at(exc)}", f"{exc.message_en}{_at(exc)}"]
    if exc.hint_th:
        lines.append(exc.hint_th)
    if exc.hint_en:
        lines.append(exc.hint_en)
    return "\n".join(lines)


def error_box(exc: Any) -> str:
    """A message box: the Thai message and hint first (what the clerk reads), English after."""
    lines = [f"{exc.message_th}{_at(exc)}"]
    if exc.hint_th:
        lines.append(exc.hint_th)
    lines.append(f"{exc.message_en}{_at(exc)}")
    return "\n".join(lines)


def error_line(exc: BaseException, *, where: bool = True) -> str:
    """One line for a summary row; an exception that is not an ``ItaError`` is a bug."""
    if hasattr(exc, "message_th"):
        return f"{exc.message_th} / {exc.message_en}" + (_at(exc) if where else "")
    return f"ข้อผิดพลาดที่ไม่คาดคิด / unexpected error: {type(exc).__name__}: {exc}"


def unexpected_lines(exc: BaseException, command: str) -> list[str]:
    """The terminal's words for a bug: what happened, and how to see and report the details."""
    detail = f"{type(exc).__name__}: {exc}"
    if len(detail) > 300:
        detail = detail[:297] + "…"
    return [f"ita-xl ทำงานผิดพลาดโดยไม่คาดคิด (ข้อบกพร่องของโปรแกรม): {detail}",
            f"ita-xl failed unexpectedly (a bug in ita-xl): {detail}",
            f"เรียกใหม่ด้วย --debug เพื่อดูรายละเอียด แล้วแจ้งผู้ดูแล: {command}",
            f"Run again with --debug to see the details, and report it: {command}"]


def unexpected_box(exc: BaseException) -> list[str]:
    """A message box for a bug (the traceback goes to the console)."""
    return ["เกิดข้อผิดพลาดที่ไม่คาดคิดใน ita-xl โปรดแจ้งผู้ดูแลพร้อมข้อความนี้",
            f"Unexpected error in ita-xl: {type(exc).__name__}: {exc}"]


def cell_error(message_th: str) -> str:
    """One cell saying what went wrong (``✖ …``)."""
    return f"{MARK[ERROR]} {message_th}"


def error_rows(exc: Any) -> list[list[Any]]:
    """``ITA_FINDINGS`` when the values cannot be checked at all: one error row."""
    return [list(FINDINGS_HEADER), ["", severity_label(ERROR), exc.where or "", exc.message_th]]


# ---------------------------------------------------------------------------------------------
# Findings (``checks.Finding``: code, name, severity, sheet, cell, where, message_th, …)

OK = "ok"


@dataclass(frozen=True)
class Tally:
    """What a run's findings add up to, as every front end says it."""

    errors: int = 0
    warnings: int = 0  # open warnings: acknowledged ones are not counted
    acknowledged: int = 0
    error_codes: tuple[str, ...] = ()
    warning_codes: tuple[str, ...] = ()  # of the open warnings

    @property
    def status(self) -> str:
        """``error``, ``warning`` (open warnings only) or ``ok`` (nothing open)."""
        return ERROR if self.errors else WARNING if self.warnings else OK

    @property
    def open(self) -> int:
        return self.errors + self.warnings


def tally(findings: Iterable[Any]) -> Tally:
    """Count findings: errors, open warnings and acknowledged warnings, with their codes."""
    items = list(findings)
    shown = [f for f in items if not f.acknowledged]
    errors = [f for f in shown if f.severity == ERROR]
    warnings = [f for f in shown if f.severity != ERROR]
    return Tally(len(errors), len(warnings), len(items) - len(shown),
                 tuple(sorted({f.code for f in errors})),
                 tuple(sorted({f.code for f in warnings})))


def counts(findings: Iterable[Any]) -> tuple[int, int]:
    """(errors, warnings) not counting acknowledged warnings."""
    t = tally(findings)
    return t.errors, t.warnings


def counts_th(t: Tally) -> str:
    """The Thai sentence of a tally: ``ข้อผิดพลาด 0 รายการ คำเตือน 3 รายการ (รับทราบแล้ว 2 รายการ)``."""
    tail = f" (รับทราบแล้ว {t.acknowledged} รายการ)" if t.acknowledged else ""
    if not t.open:
        return f"ไม่พบปัญหา{tail}"
    return f"ข้อผิดพลาด {t.errors} รายการ คำเตือน {t.warnings} รายการ{tail}"


def counts_en(t: Tally) -> str:
    """The English half of :func:`counts_th`."""
    tail = f" ({t.acknowledged} acknowledged)" if t.acknowledged else ""
    if not t.open:
        return f"no problems found{tail}"
    return f"{t.errors} error(s), {t.warnings} warning(s){tail}"


def summary(findings: Iterable[Any], name: str = "") -> str:
    """The first lines of ``check``'s report: Thai, then English."""
    t = tally(findings)
    label = f" {name}" if name else ""
    return f"ตรวจสอบ{label}: {counts_th(t)}\nChecked{label}: {counts_en(t)}"


def findings_line(findings: Iterable[Any], command: str) -> str:
    """``generate``'s closing line: the counts and the command that lists them."""
    t = tally(findings)
    if not t.open and not t.acknowledged:
        return "ตรวจสอบแล้ว ไม่พบปัญหา / checked: no problems found"
    return f"{counts_th(t)} — ดู {command} / {counts_en(t)} — see {command}"


# What a sentence prints where it needs a value the tracker lacks (--force): visible, never a
# claim.  A blank ไม่ผ่านเกณฑ์ mark is not "passed".  (``context`` prints it; wording lives here.)
PLACEHOLDER = "[ยังไม่ได้กรอกผลผ่าน/ไม่ผ่านเกณฑ์]"


def forced_lines(findings: Iterable[Any], typed: Sequence[str],
                 placeholders: Sequence[str] = ()) -> list[str]:
    """What ``--force`` overrode: the errors, the cells printed exactly as typed, and the blank
    marks whose sentences print a placeholder instead of a claim."""
    n = tally(findings).errors
    lines = [f"ข้อผิดพลาด {n} รายการถูกข้ามด้วย --force เอกสารอาจไม่ถูกต้อง",
             f"{n} error(s) overridden with --force; the documents may be wrong."]
    if typed:  # --force never changes data: what could not be formatted is printed as typed
        cells = ", ".join(typed)
        lines += [f"จัดรูปแบบไม่ได้ จึงพิมพ์ตามที่พิมพ์ไว้ในช่อง: {cells}",
                  f"Printed exactly as typed (could not be formatted): {cells}"]
    if placeholders:  # --force never turns a blank into a claim ("passed")
        cells = ", ".join(placeholders)
        lines += [f"ช่องไม่ผ่านเกณฑ์ว่างหรืออ่านไม่ได้ ข้อความวิเคราะห์ที่ต้องใช้ช่องเหล่านี้พิมพ์ "
                  f"{PLACEHOLDER} แทน: {cells}",
                  f"Blank or unreadable ไม่ผ่านเกณฑ์ marks: the analysis sentences that need "
                  f"them print {PLACEHOLDER} instead: {cells}"]
    return lines


FORCED_HEAD = "สร้างเอกสารทั้งที่ตรวจพบข้อผิดพลาด / Generated despite errors:"


def forced_note(findings: Iterable[Any], typed: Sequence[str],
                placeholders: Sequence[str] = ()) -> str:
    """:func:`forced_lines` on one line (a batch summary row): Thai, then English."""
    lines = forced_lines(findings, typed, placeholders)
    return " / ".join([" ".join(lines[0::2]), " ".join(lines[1::2])])


def written_line(path: Path, renamed_from: Path | None = None) -> str:
    """``เขียนแล้ว / wrote: PATH`` (and why the name changed, when it did)."""
    note = ""
    if renamed_from is not None:
        note = (f"  (ไฟล์เดิมเปิดอยู่หรือห้ามเขียน จึงบันทึกเป็นชื่อใหม่ / "
                f"{renamed_from.name} was locked)")
    return f"เขียนแล้ว / wrote: {path}{note}"


def _plain(severity: str, text: str) -> str:
    return text


def format_text(findings: Iterable[Any], name: str = "", *, fixes: bool = True,
                style: Callable[[str, str], str] = _plain,
                counted: Iterable[Any] | None = None) -> str:
    """The terminal report: a summary, then one block per sheet, one entry per finding.

    Acknowledged warnings come last, one line each.  ``style(severity, text)`` may colour the
    severity words (the CLI does on a terminal).  ``counted``: the findings the summary counts
    when only some are listed (generate lists the errors alone, but its counts must agree with
    its closing line).
    """
    items = list(findings)
    lines = [summary(items if counted is None else counted, name)]
    sheet = object()
    for f in items:
        if f.acknowledged:
            continue
        if f.sheet != sheet:
            sheet = f.sheet
            lines.append("")
            lines.append(f"แผ่นงาน {f.sheet} / sheet {f.sheet}" if f.sheet else
                         "ไม่ระบุตำแหน่ง / no cell")
        where = f.where or "-"
        level = style(f.severity, f"{SEVERITY_TH[f.severity]} / {f.severity}")
        lines.append(f"  {where}  {level}  {f.code} {f.name}")
        lines.append(f"      {f.message_th}")
        lines.append(f"      {f.message_en}")
        if fixes and (f.fix_th or f.fix_en):
            lines.append(f"      วิธีแก้: {f.fix_th}")
            lines.append(f"      Fix: {f.fix_en}")
    acked = [f for f in items if f.acknowledged]
    if acked:
        lines.append("")
        lines.append("รับทราบแล้ว (ไม่นับ ไม่แสดงเมื่อสร้างเอกสาร) / acknowledged (not counted, "
                     "not repeated by generate)")
        for f in acked:
            lines.append(f"  {f.where or '-'}  {f.code} {f.name}")
    return "\n".join(lines)


def format_json(findings: Iterable[Any]) -> str:
    """``ita-xl check --format json``: a list of ``Finding.to_dict()`` objects."""
    import json

    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)


def hyperlink_formula(sheet: str, cell: str) -> str:
    """``=HYPERLINK("#'sheet'!B5","sheet!B5")``: a click in the check sheet jumps to the cell."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    target = f"#{quoted}!{cell}".replace('"', '""')
    shown = f"{sheet}!{cell}".replace('"', '""')
    return f'=HYPERLINK("{target}","{shown}")'


def check_sheet_rows(findings: Sequence[Any], *, links: bool = True) -> list[list[Any]]:
    """Rows under the check sheet's header (``layout.CHECK_RESULTS_HEADERS``)."""
    rows = []
    for i, f in enumerate(findings, start=1):
        where: Any = f.where
        if links and f.sheet and f.cell:
            where = hyperlink_formula(f.sheet, f.cell)
        label = severity_label(f.severity) + (f" ({ACKNOWLEDGED_TH})" if f.acknowledged else "")
        rows.append([i, label, f.code, where, f.message_th, f.message_en])
    if not rows:
        rows.append(["", "", "", "", NO_FINDINGS, NO_FINDINGS_EN])
    return rows


def box_summary(findings: Sequence[Any]) -> list[str]:
    """A message box's lines: how many, then the first few open ones (errors first), Thai only."""
    from .layout import SHEET_CHECK

    t = tally(findings)
    shown = [f for f in findings if not f.acknowledged]
    errors = [f for f in shown if f.severity == ERROR]
    warnings = [f for f in shown if f.severity != ERROR]
    lines = [f"ตรวจสอบ: {counts_th(t)} รายการทั้งหมดอยู่ในแผ่นงาน {SHEET_CHECK}"]
    for f in (errors + warnings)[:MAX_LISTED]:
        lines.append(f"{MARK.get(f.severity, '')} {f.where} {f.message_th}".strip())
    if len(shown) > MAX_LISTED:
        lines.append(f"… และอีก {len(shown) - MAX_LISTED} รายการ")
    return lines


def check_box(findings: Sequence[Any]) -> tuple[str, list[str]]:
    """The ribbon's check button: (status, message lines)."""
    if not findings:
        return OK, ["ไม่พบปัญหา ข้อมูลพร้อมสร้างเอกสาร"]
    return tally(findings).status, box_summary(findings)


def refused_box(findings: Sequence[Any]) -> list[str]:
    """The ribbon's generate buttons when the checks found errors: nothing was written."""
    return ["ยังไม่ได้สร้างเอกสาร เพราะพบข้อผิดพลาดที่ต้องแก้ไขก่อน", *box_summary(findings)]


def generated_box(files: Sequence[Path], outdir: Path, findings: Sequence[Any], *, pdf: bool,
                  renamed: Sequence[Path] = ()) -> tuple[str, list[str]]:
    """The ribbon's generate buttons when the documents were written: (status, message lines).

    ``renamed``: files saved under a new name because the old one was locked."""
    from .layout import SHEET_CHECK

    kind = "ไฟล์ PDF" if pdf else "เอกสาร Word"
    lines = [f"สร้าง{kind}แล้ว {len(files)} ไฟล์ ในโฟลเดอร์ {outdir}"]
    for p in files:
        note = " (ไฟล์เดิมเปิดอยู่ จึงบันทึกเป็นชื่อใหม่)" if p in renamed else ""
        lines.append(f"• {p.name}{note}")
    t = tally(findings)
    if findings:
        lines.append(f"ตรวจสอบ: {counts_th(t)} ดูได้ในแผ่นงาน {SHEET_CHECK}")
    return t.status, lines


def finding_rows(findings: Sequence[Any]) -> list[list[Any]]:
    """The spilled table of ``ITA_FINDINGS``: header, then code, severity, cell, Thai message."""
    out: list[list[Any]] = [list(FINDINGS_HEADER)]
    for f in findings:
        out.append([f.code, severity_label(f.severity), f.where, f.message_th])
    if len(out) == 1:
        out.append(["", "", "", NO_FINDINGS])
    return out


def row_status(findings: Sequence[Any]) -> str:
    """``ITA_ROWSTATUS`` of one row: "OK", or the worst finding's mark and Thai message."""
    if not findings:
        return STATUS_OK
    ordered = sorted(findings, key=lambda f: 0 if f.severity == ERROR else 1)
    first = ordered[0]
    more = f" (+{len(ordered) - 1})" if len(ordered) > 1 else ""
    return f"{MARK.get(first.severity, '')} {first.message_th}{more}"


# ---------------------------------------------------------------------------------------------
# init: facts of the year's framework the data does not know (``framework.starter``'s keys)

#: starter key → (the setting whose Thai label names it, English name); None: not a setting.
UNKNOWN_FACTS = {"pass_mark": ("pass_mark", "pass mark"), "unit": ("unit", "unit counted"),
                 "measures item": ("item_measures", "OIT item of the measures"),
                 "results item": ("item_results", "OIT item of the results"),
                 "indicators": (None, "the indicators"), "all": (None, "the whole framework"),
                 "scale": (None, "the minimum score of each grade or rating")}
_UNKNOWN_TH = {"indicators": "รายชื่อตัวชี้วัด/เครื่องมือ", "all": "กรอบการประเมินทั้งหมดของปีนี้",
               "scale": "เกณฑ์ระดับผลการประเมิน (คะแนนขั้นต่ำของแต่ละระดับ)"}


def unknown_facts_line(year: int, unknown: Sequence[str],
                       leads: dict[str, Any] | None = None) -> str:
    """``init --year``: which facts of that year's framework the clerk must type, Thai first;
    ``leads``: the values the data has only from an unofficial source (shown, never filled)."""
    from .layout import SETTINGS_BY_FIELD, SHEET_INDICATORS

    labels = {field: s.label for field, s in SETTINGS_BY_FIELD.items()}
    th, en = [], []
    for key in unknown:
        attr, name_en = UNKNOWN_FACTS.get(key, (None, key))
        th.append(labels.get(attr) or _UNKNOWN_TH.get(key, key))
        en.append(name_en)
    shown = "; ".join(f"{name} = {v.get('code') if isinstance(v, dict) else v}"
                      for name, v in (leads or {}).items())
    lead_th = f" ข้อมูลที่ไม่เป็นทางการ (ไม่ได้กรอกให้ ตรวจกับคู่มือก่อนใช้): {shown}" if shown else ""
    lead_en = f" Unofficial leads (not filled in; verify first): {shown}." if shown else ""
    return (f"ข้อมูลกรอบการประเมินปี {year} ที่ยังไม่ทราบ: {', '.join(th)} — กรอกเองในแผ่นงาน "
            f"{SHEET_INDICATORS} ตามคู่มือของสำนักงาน ป.ป.ช.{lead_th} / The framework data does "
            f"not know these facts of {year}: {', '.join(en)} — type them in.{lead_en}")


# ---------------------------------------------------------------------------------------------
# CI: JUnit XML (``check --junit``, ``batch --junit``) and GitHub annotations (``--format github``)

@dataclass
class Checked:
    """One workbook as CI reports it: its findings, or why it could not be checked."""

    path: str  # as given on the command line (GitHub resolves annotations against it)
    agency: str = ""
    findings: Sequence[Any] | None = None  # None: not checked (``problem`` says why)
    problem: str = ""

    @property
    def name(self) -> str:
        base = Path(self.path).name
        return f"{self.agency} ({base})" if self.agency else base


def _finding_block(f: Any) -> str:
    return f"{f.where or '-'} {f.code} {f.name}\n{f.message_th}\n{f.message_en}"


#: Rule families: the hundreds of a code, one module of ``checks/rules`` each (the JUnit report
#: of ``check --junit`` has one test case per agency and family).  Digit → (Thai, English).
FAMILIES = {
    "1": ("ค่าและชนิดข้อมูล", "values and types"),
    "2": ("แผนและผลการดำเนินงาน", "plan and results"),
    "3": ("วันที่", "dates"),
    "4": ("ตัวชี้วัด", "indicators"),
    "5": ("ผู้ลงนามและหน่วยงาน", "people and agency"),
    "6": ("ข้อความ", "text"),
    "7": ("ตาราง", "tables"),
}


def family_of(code: str) -> str:
    """``ITA202`` → ``2``: the family digit of a code."""
    return code[3]


def junit_xml(checked: Sequence[Checked], *, strict: bool = False) -> bytes:
    """A JUnit report: a test suite per workbook, a test case per rule family.

    A family fails with its errors (and, with ``strict``, its open warnings): each finding's
    cell, code, Thai and English message.  Other warnings and acknowledged ones are the case's
    ``system-out``.  A workbook that could not be read is one case with an ``error``.
    """
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="ita-xl check")
    totals = [0, 0, 0]  # tests, failures, errors
    for c in checked:
        suite = ET.SubElement(root, "testsuite", name=c.name)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="workbook", value=c.path)
        if c.agency:
            ET.SubElement(props, "property", name="agency", value=c.agency)
        tests = failures = errors = 0
        if c.findings is None:
            case = ET.SubElement(suite, "testcase", classname=c.name,
                                 name="อ่านสมุดงาน / read the workbook")
            err = ET.SubElement(case, "error", type="unreadable", message=c.problem)
            err.text = c.problem
            tests, errors = 1, 1
        else:
            for digit, (th, en) in FAMILIES.items():
                mine = [f for f in c.findings if family_of(f.code) == digit]
                failing = [f for f in mine if not f.acknowledged
                           and (f.severity == ERROR or strict)]
                failed = {id(f) for f in failing}
                other = [f for f in mine if id(f) not in failed]
                case = ET.SubElement(suite, "testcase", classname=c.name,
                                     name=f"ITA{digit}xx {th} / {en}")
                tests += 1
                if failing:
                    first = failing[0]
                    more = f" (+{len(failing) - 1})" if len(failing) > 1 else ""
                    fail = ET.SubElement(
                        case, "failure", type=" ".join(sorted({f.code for f in failing})),
                        message=f"{first.where or '-'} {first.code}: {first.message_th} / "
                                f"{first.message_en}{more}")
                    fail.text = "\n\n".join(_finding_block(f) for f in failing)
                    failures += 1
                if other:
                    out = ET.SubElement(case, "system-out")
                    out.text = "\n\n".join(
                        ("รับทราบแล้ว / acknowledged: " if f.acknowledged else
                         f"{SEVERITY_TH[f.severity]} / {f.severity}: ") + _finding_block(f)
                        for f in other)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        totals = [totals[0] + tests, totals[1] + failures, totals[2] + errors]
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(checked: Sequence[Checked]) -> list[str]:
    """GitHub workflow commands (``::error file=…,title=…::…``): one per open finding, Thai
    first, with the cell; one per workbook that could not be read.  Acknowledged warnings are
    left out, as they are not counted."""
    lines = []
    for c in checked:
        path = _gh_property(c.path)
        if c.findings is None:
            title = _gh_property(f"อ่านสมุดงานไม่ได้ / unreadable: {Path(c.path).name}")
            lines.append(f"::error file={path},title={title}::{_gh_data(c.problem)}")
            continue
        for f in c.findings:
            if f.acknowledged:
                continue
            at = f" [{f.where}]" if f.where else ""
            title = _gh_property(f"{f.code} {f.where}".strip())
            text = _gh_data(f"{f.message_th}{at}\n{f.message_en}{at}")
            lines.append(f"::{f.severity} file={path},title={title}::{text}")
    return lines


# ---------------------------------------------------------------------------------------------
# batch: the summary's headings, status words and closing line (``batch/summary.py`` lays them
# out; summary.json keeps the English keys and status values for scripts)

#: summary.csv's columns: key → (Thai, English); the heading is "ไทย / English".
SUMMARY_COLUMNS = {
    "agency": ("หน่วยงาน", "agency"), "workbook": ("สมุดงาน", "workbook"),
    "folder": ("โฟลเดอร์", "folder"), "fiscal_year": ("ปีงบประมาณ", "fiscal year"),
    "round": ("รอบ", "round"), "rating": ("ผลการประเมิน", "rating"),
    "errors": ("ข้อผิดพลาด", "errors"), "warnings": ("คำเตือน", "warnings"),
    "acknowledged": ("รับทราบแล้ว", "acknowledged"),
    "error_codes": ("รหัสข้อผิดพลาด", "error codes"),
    "warning_codes": ("รหัสคำเตือน", "warning codes"),
    "findings": ("ไฟล์ผลการตรวจ", "findings file"), "documents": ("เอกสาร", "documents"),
    "removed": ("เอกสารเก่าที่ลบ", "stale documents removed"), "status": ("สถานะ", "status"),
    "message": ("หมายเหตุ", "message"),
}
#: A row's status (``batch.records``) as a person reads it.
STATUS_WORDS = {"ok": ("สำเร็จ", "ok"), "failed": ("ล้มเหลว", "failed"),
                "checks failed": ("พบข้อผิดพลาด", "checks failed"),
                "pdf failed": ("PDF ไม่สำเร็จ", "pdf failed"),
                "unfinished": ("ยังไม่เสร็จ", "unfinished")}
#: The terminal table's headings: a Thai row, then an English one (short: the table must fit
#: a terminal).
BATCH_TABLE_HEAD = [("หน่วยงาน", "สมุดงาน", "ปี", "รอบ", "ผิด", "เตือน", "รหัส", "เอกสาร", "สถานะ",
                     "หมายเหตุ"),
                    ("agency", "workbook", "FY", "round", "err", "warn", "codes", "docs",
                     "status", "message")]


def heading(key: str) -> str:
    th, en = SUMMARY_COLUMNS[key]
    return f"{th} / {en}"


def status_word(status: str) -> str:
    """``สำเร็จ / ok``: a batch row's status, Thai first."""
    th, en = STATUS_WORDS.get(status, (status, status))
    return f"{th} / {en}"


def batch_closing_line(batch: Any) -> str:
    """The line under the batch table: how many workbooks came through, Thai first."""
    n = len(batch.agencies)
    ok = n - len(batch.failed)
    if batch.check_only:
        return (f"ตรวจแล้ว {n} สมุดงาน ไม่มีข้อผิดพลาด {ok} สมุดงาน / {n} workbooks checked, "
                f"{ok} without errors")
    return (f"สำเร็จ {ok} จาก {n} สมุดงาน, เอกสาร {batch.document_count} ไฟล์, "
            f"{batch.seconds:.1f} วินาที / {ok} of {n} workbooks ok, "
            f"{batch.document_count} documents, {batch.seconds:.1f} s")
