"""One count, one sentence: the CLI, the ribbon and batch say the same about the same workbook.

``present`` words and counts the findings for every front end.  Each front end is run here as a
clerk or a script runs it — ``ita-xl check`` / ``generate`` / ``batch`` through the command line,
the ribbon through ``excel.generate_from_excel`` / ``check_from_excel`` with the VBA's copy and
result file — and their words are compared with each other and with counts this test knows
independently (how many warnings the bundled example has, how many a planted error adds).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support.cli import cli
from support.wbedit import set_cell, set_rows
from support.workbooks import save_copy

from ita_xl import excel, resources
from ita_xl.exitcodes import Exit

EXAMPLE = resources.example_workbook()
COUNT_TH = re.compile(r"(ข้อผิดพลาด \d+ รายการ คำเตือน \d+ รายการ(?: \(รับทราบแล้ว \d+ รายการ\))?"
                      r"|ไม่พบปัญหา \(รับทราบแล้ว \d+ รายการ\))")


def _example_warnings() -> list[dict]:
    result = cli("check", EXAMPLE, "--format", "json")
    findings = json.loads(result.stdout)
    assert findings and all(f["severity"] == "warning" for f in findings)
    return findings


def _acknowledge_all(codes):
    def edit(wb):  # one row per code without a cell: that code everywhere
        set_rows(wb, "Acknowledged", [{"รหัส": c, "หมายเหตุ": "รับทราบ"} for c in sorted(codes)])
    return edit


def _plant_error(wb):
    set_cell(wb, "Results", "มาตรการ", 0, "มาตรการที่ไม่มีในแผน")  # ITA202: an error


def _cases(tmp_path: Path):
    """(workbook, errors, open warnings, acknowledged, status) for three workbooks."""
    warnings = _example_warnings()
    n = len(warnings)
    acked = save_copy(EXAMPLE, tmp_path / "acked.xlsm",
                      _acknowledge_all({f["code"] for f in warnings}))
    plain = save_copy(EXAMPLE, tmp_path / "plain.xlsm")
    broken = save_copy(EXAMPLE, tmp_path / "broken.xlsm", _plant_error)
    broken_findings = json.loads(cli("check", broken, "--format", "json").stdout)
    errors = [f for f in broken_findings if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["ITA202"]
    return [(acked, 0, 0, n, "ok"), (plain, 0, n, 0, "warning"),
            (broken, 1, len(broken_findings) - 1, 0, "error")]


def _sentence(errors: int, warnings: int, acked: int) -> str:
    tail = f" (รับทราบแล้ว {acked} รายการ)" if acked else ""
    if not errors and not warnings:
        return f"ไม่พบปัญหา{tail}"
    return f"ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ{tail}"


def _ribbon(workbook: Path, tmp_path: Path, entry) -> dict[str, list[str]]:
    """An entry point called as ITA.bas calls it: the clerk's file, a temp copy, a result file."""
    folder = tmp_path / f"ribbon-{workbook.stem}-{entry.__name__}"
    folder.mkdir()
    original = folder / "สมุดงาน ITA.xlsm"
    shutil.copy(workbook, original)
    copy = folder / "tracker.xlsm"
    shutil.copy(workbook, copy)
    result = folder / "result.txt"
    entry(str(copy), str(original), result=str(result))
    return excel.read_answer(result)


def test_cli_ribbon_and_batch_count_and_word_the_findings_alike(tmp_path):
    for workbook, errors, warnings, acked, status in _cases(tmp_path):
        expected = _sentence(errors, warnings, acked)
        said: dict[str, list[str]] = {}

        check = cli("check", workbook)
        assert check.exit_code == (Exit.ERRORS if errors else Exit.OK)
        said["check"] = COUNT_TH.findall(check.stdout)

        gen = cli("generate", workbook, "-o", tmp_path / f"gen-{workbook.stem}")
        assert gen.exit_code == (Exit.ERRORS if errors else Exit.OK), gen.output
        said["generate"] = COUNT_TH.findall(gen.stderr)

        for entry in (excel.check_from_excel, excel.generate_from_excel):
            answer = _ribbon(workbook, tmp_path, entry)
            assert answer["status"] == [status], (workbook.name, entry.__name__, answer)
            if status == "ok":  # nothing open: no cell to send the clerk to
                assert "select" not in answer, answer
            said[entry.__name__] = COUNT_TH.findall("\n".join(answer["message"]))

        out = tmp_path / f"batch-{workbook.stem}"
        batch = cli("batch", workbook, "-o", out, "--jobs", "1")
        [row] = json.loads((out / "summary.json").read_text(encoding="utf-8"))["agencies"]
        assert (row["errors"], row["warnings"]) == (errors, warnings), row
        assert row["acknowledged"] == acked, row
        assert row["status"] == ("checks failed" if errors else "ok")
        assert batch.exit_code == (Exit.NOT_CLEAN if errors else Exit.OK)
        said["batch findings file"] = COUNT_TH.findall(
            (out / row["findings"]).read_text(encoding="utf-8-sig"))

        for front, sentences in said.items():
            assert sentences and set(sentences) == {expected}, (workbook.name, front, sentences)


def test_acknowledged_warnings_are_marked_on_the_check_sheet(tmp_path):
    from ita_xl import present
    from ita_xl.pipeline import check

    warnings = _example_warnings()
    acked = save_copy(EXAMPLE, tmp_path / "acked.xlsm",
                      _acknowledge_all({f["code"] for f in warnings}))
    findings = check(acked).findings
    rows = present.check_sheet_rows(findings, links=False)
    assert len(rows) == len(warnings)
    assert all(r[1] == "⚠ คำเตือน (รับทราบแล้ว)" for r in rows), rows[:3]


@pytest.mark.parametrize("typed", [[], ["ผลการดำเนินงาน!D5"]])
def test_forced_words_are_one_text_for_the_terminal_and_the_batch_row(typed):
    from types import SimpleNamespace

    from ita_xl import present

    findings = [SimpleNamespace(severity="error", acknowledged=False, code="ITA202"),
                SimpleNamespace(severity="warning", acknowledged=False, code="ITA203")]
    lines = present.forced_lines(findings, typed)
    note = present.forced_note(findings, typed)
    assert lines[0].startswith("ข้อผิดพลาด 1 รายการ") and "1 error(s)" in lines[1]
    th, en = note.split(" / ", 1)
    assert th == " ".join(lines[0::2]) and en == " ".join(lines[1::2])
    assert all(cell in th and cell in en for cell in typed)
