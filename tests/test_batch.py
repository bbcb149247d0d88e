"""``ita_xl.batch``: ``ita-xl batch`` — many agencies, one bad workbook among them, summary files."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support.cli import cli_process
from support.summary import summary_rows
from support.documents import docx_text, squash
from support.wbedit import open_copy, set_name

from ita_xl import resources
from ita_xl.batch import find_workbooks, run_batch

EXAMPLE = resources.example_workbook()
AGENCIES = ["เทศบาลตำบลหนองบัว", "องค์การบริหารส่วนตำบลบ้านใหม่", "เทศบาลเมือง/ทดสอบ: ก"]
DOC_NAMES = ["ITA2565_6m_memo.docx", "ITA2565_6m_report.docx"]


def make_agency(path: Path, agency: str) -> Path:
    shutil.copy(EXAMPLE, path)
    wb = open_copy(path)
    set_name(wb, "ita_agency", agency)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Three good workbooks with different agency names, one corrupt one, an Excel lock file."""
    folder = tmp_path_factory.mktemp("inputs")
    for i, agency in enumerate(AGENCIES, start=1):
        make_agency(folder / f"agency{i}.xlsm", agency)
    data = EXAMPLE.read_bytes()
    (folder / "corrupt.xlsm").write_bytes(data[: len(data) // 3])  # a download cut short
    (folder / "~$agency1.xlsm").write_bytes(b"\x05owner" + b"\x00" * 100)
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.fixture(scope="module")
def batch_run(inputs, tmp_path_factory):
    before = snapshot(inputs)
    out = tmp_path_factory.mktemp("out")
    proc = cli_process("batch", inputs, "-o", out, "--jobs", "2", timeout=600)
    return proc, out, before


def test_bad_workbook_is_reported_and_the_others_finish(batch_run):
    proc, out, _ = batch_run
    assert proc.returncode == 1, proc.stderr
    assert "corrupt.xlsm" in proc.stdout and "failed" in proc.stdout
    assert "Traceback" not in proc.stderr
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    expected = sorted(["เทศบาลตำบลหนองบัว", "องค์การบริหารส่วนตำบลบ้านใหม่", "เทศบาลเมือง_ทดสอบ_ ก",
                       "findings"])
    assert folders == expected  # no staging folder left behind
    for agency, folder in zip(AGENCIES, ["เทศบาลตำบลหนองบัว", "องค์การบริหารส่วนตำบลบ้านใหม่",
                                         "เทศบาลเมือง_ทดสอบ_ ก"]):
        docs = sorted(p.name for p in (out / folder).iterdir())
        assert docs == DOC_NAMES
        assert squash(agency) in squash(docx_text(out / folder / DOC_NAMES[1]))


def test_summary_files_list_every_workbook(batch_run, inputs):
    _, out, _ = batch_run
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Thai correctly
    rows = summary_rows(out / "summary.csv")
    head = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert all(re.match(r"[\u0e00-\u0e7f].* / [a-z]", h) for h in head), head  # ไทย / English
    assert [Path(r["workbook"]).name for r in rows] == \
        ["agency1.xlsm", "agency2.xlsm", "agency3.xlsm", "corrupt.xlsm"]
    assert [r["agency"] for r in rows[:3]] == AGENCIES
    assert {r["status"] for r in rows[:3]} == {"ok"} and rows[3]["status"] == "failed"
    assert [r["documents"] for r in rows] == ["2", "2", "2", "0"]
    assert "corrupt.xlsm" in rows[3]["message"]
    assert set(rows[0]) >= {"agency", "workbook", "errors", "warnings", "documents", "status",
                            "message"}
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["workbooks"] == 4 and data["ok"] == 3 and data["failed"] == 1
    listed = {(a["agency"], Path(a["workbook"]).name, a["status"]) for a in data["agencies"]}
    assert listed == {(AGENCIES[0], "agency1.xlsm", "ok"), (AGENCIES[1], "agency2.xlsm", "ok"),
                      (AGENCIES[2], "agency3.xlsm", "ok"), ("", "corrupt.xlsm", "failed")}
    assert all(a["documents"] == DOC_NAMES for a in data["agencies"][:3])
    # per agency: fiscal year, round, the codes of what the checks found, and a findings file
    # holding exactly those codes (the report of `ita-xl check`)
    for row in rows[:3]:
        assert row["fiscal_year"] == "2565" and row["round"] == "รอบ ๖ เดือน"
        codes = set(row["warning_codes"].split())
        assert codes and not row["error_codes"]
        text = (out / row["findings_file"]).read_text(encoding="utf-8-sig")
        assert row["findings_file"] == f"findings/{row['folder']}.txt"
        assert codes == set(re.findall(r"ITA\d{3}", text))
        assert f"คำเตือน {row['warnings']} รายการ" in text
    assert rows[3]["findings_file"] == "" and rows[3]["fiscal_year"] == ""


def test_inputs_are_not_modified(batch_run, inputs):
    _, _, before = batch_run
    assert snapshot(inputs) == before


def test_same_agency_twice_gets_two_folders_stable_across_runs(tmp_path):
    a = make_agency(tmp_path / "a.xlsx", "เทศบาลตำบลซ้ำ")
    b = tmp_path / "b.xlsx"
    shutil.copy(a, b)
    out = tmp_path / "out"
    for _ in range(2):  # a second run into the same folder gives the same names
        result = run_batch([b, a], out, jobs=1)
        assert result.ok
        assert sorted(p.name for p in out.iterdir() if p.is_dir()) == \
            ["findings", "เทศบาลตำบลซ้ำ", "เทศบาลตำบลซ้ำ (a)"]
        assert sorted(p.name for p in (out / "findings").iterdir()) == \
            ["เทศบาลตำบลซ้ำ (a).txt", "เทศบาลตำบลซ้ำ.txt"]
        first = result.agencies[0]
        assert first.workbook == b and first.folder == out / "เทศบาลตำบลซ้ำ"
        assert sorted(p.name for p in (out / "เทศบาลตำบลซ้ำ (a)").iterdir()) == DOC_NAMES


def test_find_workbooks_folders_globs_files_and_missing(inputs, tmp_path):
    sub = tmp_path / "district"
    sub.mkdir()
    shutil.copy(inputs / "agency1.xlsm", sub / "x.xlsx")
    (sub / "notes.txt").write_text("not a workbook")
    found, problems = find_workbooks([inputs, str(tmp_path / "**" / "*.xlsx"),
                                      inputs / "agency2.xlsm", tmp_path / "nowhere",
                                      str(tmp_path / "*.none")])
    names = [p.name for p in found]
    assert names == ["agency1.xlsm", "agency2.xlsm", "agency3.xlsm", "corrupt.xlsm", "x.xlsx"]
    assert "~$agency1.xlsm" not in names  # Excel's lock file
    assert [text for text, _ in problems] == [str(tmp_path / "nowhere"), str(tmp_path / "*.none")]


def test_missing_input_is_a_failed_row_and_the_rest_runs(tmp_path):
    result = run_batch([EXAMPLE, tmp_path / "gone.xlsm"], tmp_path / "out", jobs=2)
    assert not result.ok
    assert [a.status for a in result.agencies] == ["failed", "ok"]
    assert len(result.agencies[1].documents) == 2
    rows = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["agencies"]
    assert [Path(r["workbook"]).name for r in rows] == ["gone.xlsm", EXAMPLE.name]


def test_findings_are_counted_as_generate_counts_them(tmp_path):
    from ita_xl.pipeline import generate

    result = run_batch([EXAMPLE], tmp_path / "out", jobs=1, write_files=False)
    agency = result.agencies[0]
    expected = generate(EXAMPLE, tmp_path / "gen")
    warnings = [f for f in expected.findings if not f.is_error]
    assert agency.warnings == len(warnings) > 0  # the seed's own mistakes
    assert agency.errors == len(expected.findings) - len(warnings) == 0


def test_checks_errors_stop_an_agency_unless_forced(tmp_path):
    bad = make_agency(tmp_path / "bad.xlsx", "เทศบาลตำบลปีผิด")
    wb = open_copy(bad)
    set_name(wb, "ita_fiscal_year", 2022)  # a C.E. year: an error of the checks
    wb.save(bad)
    out = tmp_path / "out"
    result = run_batch([bad, EXAMPLE], out, jobs=2)
    first, second = result.agencies
    assert first.status == "checks failed" and first.errors >= 1 and first.documents == []
    assert "error" in first.message and second.ok
    assert not (out / "เทศบาลตำบลปีผิด").exists()
    forced = run_batch([bad], tmp_path / "forced", jobs=1, force=True)
    assert forced.ok and forced.agencies[0].forced and forced.agencies[0].errors >= 1
    assert sorted(p.name for p in (tmp_path / "forced" / "เทศบาลตำบลปีผิด").iterdir()) == \
        ["ITA2022_6m_memo.docx", "ITA2022_6m_report.docx"]


@pytest.mark.soffice
def test_batch_with_pdfs_puts_each_pdf_beside_its_docx(tmp_path, inputs):
    out = tmp_path / "out"
    result = run_batch([inputs / "agency1.xlsm", inputs / "agency2.xlsm"], out, pdf=True,
                       jobs=2)
    assert result.ok, [a.message for a in result.agencies]
    for agency, folder in zip(AGENCIES, ["เทศบาลตำบลหนองบัว", "องค์การบริหารส่วนตำบลบ้านใหม่"]):
        names = sorted(p.name for p in (out / folder).iterdir())
        assert names == sorted(DOC_NAMES + [n.replace(".docx", ".pdf") for n in DOC_NAMES])
        from support.documents import pdf_text

        assert squash(agency) in squash(pdf_text(out / folder / "ITA2565_6m_report.pdf"))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert result.peak_rss_soffice_kb > 0


def test_a_document_without_pdf_marks_its_agency_and_the_rest_are_placed(tmp_path, monkeypatch):
    """LibreOffice fails on one document: that agency is "pdf failed", every other PDF is placed."""
    from ita_xl import convert, fonts

    log = tmp_path / "calls.txt"  # the conversion runs in a worker process: log to a file

    def fake_to_pdf(files, outdir=None, *, targets, **options):
        with open(log, "a") as fh:
            fh.write(f"{len(files)}\n")
        made = []
        for pdf in targets[1:]:
            pdf.write_bytes(b"%PDF-1.4 fake" + b" " * 200)
            made.append(pdf)
        raise convert.ConversionError("แปลงไม่ได้", "could not convert", failed=[files[0]],
                                      converted=made)

    monkeypatch.setattr(convert, "to_pdf", fake_to_pdf)
    monkeypatch.setattr(convert, "find_soffice", lambda: Path("/fake/soffice"))
    monkeypatch.setattr(fonts, "ensure_fonts", lambda: None)
    a = make_agency(tmp_path / "a.xlsx", "เทศบาลตำบลเอ")
    b = make_agency(tmp_path / "b.xlsx", "เทศบาลตำบลบี")
    out = tmp_path / "out"
    result = run_batch([a, b], out, pdf=True, jobs=1)
    calls = [int(n) for n in log.read_text().split()]
    assert calls == [4]  # one LibreOffice run for all documents of the batch
    first, second = result.agencies
    assert first.status == "pdf failed" and "could not convert" in first.message
    assert second.ok and len(second.documents) == 4
    assert sorted(p.name for p in (out / "เทศบาลตำบลเอ").iterdir()) == \
        sorted(DOC_NAMES + ["ITA2565_6m_report.pdf"])
    assert not result.ok
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["agencies"]
    assert [r["status"] for r in rows] == ["pdf failed", "ok"]
