"""``ita_xl.pipeline``: `generate` runs the checks first; an error stops it, --force overrides."""
from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import cli
from support.workbooks import corrected_example_data, save_copy, write_data
from support.wbedit import set_cell

from ita_xl import resources
from ita_xl.errors import ChecksFailed
from ita_xl.pipeline import generate


@pytest.fixture(scope="module")
def broken_workbook(tmp_path_factory) -> tuple[Path, tuple[str, str]]:
    """A corrected copy of the example with one error: a results row of an unplanned measure."""
    where = {}

    def edit(wb):
        write_data(wb, corrected_example_data())
        cell = set_cell(wb, "Results", "มาตรการ", 1, "มาตรการตรวจสอบการใช้ดุลยพินิจ")
        where["cell"] = (cell.parent.title, cell.coordinate)

    path = save_copy(resources.example_workbook(),
                     tmp_path_factory.mktemp("broken") / "broken.xlsm", edit)
    return path, where["cell"]


def test_an_error_stops_generate_and_nothing_is_written(broken_workbook, tmp_path):
    path, (sheet, cell) = broken_workbook
    out = tmp_path / "out"
    result = cli("generate", str(path), "-o", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    assert f"{sheet}!{cell}" in result.stderr and "ITA202" in result.stderr
    assert "ยังไม่สร้างเอกสาร" in result.stderr and "no document was written" in result.stderr
    assert "--force" in result.stderr


def test_the_library_raises_checks_failed_with_the_findings(broken_workbook, tmp_path):
    path, (sheet, cell) = broken_workbook
    out = tmp_path / "out"
    with pytest.raises(ChecksFailed) as info:
        generate(path, out)
    assert [(f.code, f.sheet, f.cell) for f in info.value.findings if f.is_error] == \
        [("ITA202", sheet, cell)]
    assert not out.exists()


def test_force_writes_the_documents_and_says_so(broken_workbook, tmp_path):
    path, (sheet, cell) = broken_workbook
    out = tmp_path / "out"
    result = cli("generate", str(path), "-o", str(out), "--force")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["ITA2565_6m_memo.docx",
                                                     "ITA2565_6m_report.docx"]
    assert "--force" in result.stderr and "Generated despite errors" in result.stderr
    assert f"{sheet}!{cell}" in result.stderr
    lib = generate(path, tmp_path / "lib", force=True)
    assert lib.forced and [f.code for f in lib.findings if f.is_error] == ["ITA202"]
    assert len(lib.written) == 2


def test_warnings_are_summed_up_and_do_not_block(tmp_path):
    out = tmp_path / "out"
    result = cli("generate", "--example", "-o", str(out))  # the bundled example: the seed's warnings
    assert result.exit_code == 0
    assert len(list(out.glob("*.docx"))) == 2
    assert "ITA305" not in result.stderr and "17 warning(s)" in result.stderr
    verbose = cli("generate", "--example", "-o", str(out), "-v")
    assert "ITA305" in verbose.stderr and "คำเตือน / warning" in verbose.stderr
    assert "Generated despite errors" not in result.stderr + verbose.stderr


def test_clean_workbook_generates_silently(tmp_path):
    path = save_copy(resources.example_workbook(), tmp_path / "clean.xlsm",
                     lambda wb: write_data(wb, corrected_example_data()))
    result = generate(path, tmp_path / "out")
    assert result.findings == [] and not result.forced and len(result.written) == 2


def test_removed_control_characters_are_one_warning_finding(tmp_path):
    def edit(wb):
        write_data(wb, corrected_example_data())
        cell = set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 0, "จัดทำคู่มือ\x7fการดำเนินงาน")
        where.append((cell.parent.title, cell.coordinate))

    where: list[tuple[str, str]] = []
    path = save_copy(resources.example_workbook(), tmp_path / "ctl.xlsm", edit)
    result = generate(path, tmp_path / "out")
    assert [(f.code, f.sheet, f.cell) for f in result.findings] == [("ITA601",) + where[0]]
    assert result.cleaned.removed  # the documents got the cleaned text
