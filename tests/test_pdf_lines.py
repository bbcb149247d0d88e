"""Issue 18, points 1-4: line ends, words, page numbers and page fill, read back from the PDFs.

Documents: the bundled example, three other agencies of tests/test_agencies_years.py (types,
years, rounds) and a plan of long real measures.  Every rule is measured on the PDF that
LibreOffice printed (``pdftotext -raw`` for the text, ``-bbox-layout`` for positions,
``pdftoppm`` for what a page shows); a "not blind" test next to each rule shows the measure
finds the fault in a PDF made without the fix (ita-xl's LibreOffice copy left out).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import docx
import pytest
from support.documents import pdf_text, squash
from support.typesetting import (CM, SPACE_16PT, column_lines, full_body_lines, header_splits,
                                 page_emptiness, pdf_words, split_words)
from test_agencies_years import AGENCIES, Case, tracker_data

from ita_xl import pdfcopy, resources
from ita_xl.convert import to_pdf
from ita_xl.pipeline import generate
from ita_xl.xlsm.tracker import tracker_bytes

pytestmark = pytest.mark.soffice

RULES = tomllib.loads(resources.package_data("linebreaks.toml").read_text(encoding="utf-8"))
WORDS = [w.replace("|", "") for w in RULES["words"]]
TITLES = RULES["titles"]
INVISIBLE = "\u2060\u00a0\u200b\u200c\u200d\ufeff\u00ad"

# Long measures as real agencies name them: lph.go.th (MOIT 12, ปีงบประมาณ พ.ศ. 2566: "มาตรการ
# ป้องกันการรับสินบนในกระบวนการจัดซื้อจัดจ้าง", "มาตรการป้องกันการรับสินบนเงินบริจาคและทรัพย์สิน
# บริจาค", "นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift policy)");
# 61.19.34.18:8000/ita_66/eb12.php ("มาตรการการป้องกันการรับสินบนทุกรูปแบบและระบุการกำหนดกลไก
# การกำกับติดตาม"); the seed's report ("มาตรการสร้างความเข้าใจและตระหนักในการสร้างความโปร่งใส
# ของหน่วยงานภาครัฐ").
LONG_MEASURES = [
    "มาตรการป้องกันการรับสินบนในกระบวนการจัดซื้อจัดจ้าง",
    "มาตรการป้องกันการรับสินบนเงินบริจาคและทรัพย์สินบริจาค",
    "นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift policy)",
    "มาตรการการป้องกันการรับสินบนทุกรูปแบบและระบุการกำหนดกลไกการกำกับติดตาม",
    "มาตรการสร้างความเข้าใจและตระหนักในการสร้างความโปร่งใสของหน่วยงานภาครัฐ",
]
OTHERS = [Case(AGENCIES[2], 2567, 12, True), Case(AGENCIES[3], 2570, 6, False),
          Case(AGENCIES[7], 2565, 12, False)]


def _long_measures_tracker() -> dict:
    data = tracker_data(Case(AGENCIES[0], 2568, 6, True))
    template = data["Plan"][0]
    data["Plan"] = [dict(template, measure=m, monitoring="รายงานผลต่อผู้บริหารทุกไตรมาส")
                    for m in LONG_MEASURES]
    data["Results"] = [dict(data["Results"][0], measure=m) for m in LONG_MEASURES]
    return data


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """name -> {"memo.docx", "memo.pdf", "report.docx", "report.pdf"}; one LibreOffice run."""
    root = tmp_path_factory.mktemp("lines")
    made: dict[str, list[Path]] = {
        "example": generate(resources.example_workbook(), root / "example").paths}
    trackers = {case.id: tracker_data(case) for case in OTHERS}
    trackers["long-measures"] = _long_measures_tracker()
    for name, data in trackers.items():
        path = root / f"{name}.xlsm"
        path.write_bytes(tracker_bytes(data))
        made[name] = generate(path, root / name, force=True).paths
    docs = [p for paths in made.values() for p in paths]
    pdfs = to_pdf(docs, targets=[p.with_suffix(".pdf") for p in docs])
    assert len(pdfs) == len(docs)
    out = {}
    for name, paths in made.items():
        out[name] = {}
        for p in paths:
            kind = p.stem.rsplit("_", 1)[1]
            out[name][f"{kind}.docx"] = p
            out[name][f"{kind}.pdf"] = p.with_suffix(".pdf")
    return out


def _all_pdfs(documents):
    return [(name, kind, files[f"{kind}.pdf"]) for name, files in documents.items()
            for kind in ("memo", "report")]


@pytest.fixture(scope="module")
def without_copy(documents, tmp_path_factory) -> dict[str, Path]:
    """The example's PDFs as LibreOffice prints the .docx itself (no ita-xl copy)."""
    out = tmp_path_factory.mktemp("plain")
    original = pdfcopy.write_copy
    pdfcopy.write_copy = lambda src, dst, **_: shutil.copyfile(src, dst)
    try:
        files = [documents["example"]["memo.docx"], documents["example"]["report.docx"]]
        memo, report = to_pdf(files, out)
    finally:
        pdfcopy.write_copy = original
    return {"memo": memo, "report": report}


# --- 1. flush paragraphs ---------------------------------------------------------------------------
def test_every_full_body_line_ends_at_the_margin(documents):
    counted = 0
    for name, kind, pdf in _all_pdfs(documents):
        lines = full_body_lines(pdf)
        counted += len(lines)
        short = [(page, round(y), round(gap, 1)) for page, y, gap in lines if gap > SPACE_16PT]
        assert short == [], (name, kind)
    assert counted >= 40, counted  # the measure saw the body text


def test_the_margin_check_sees_ragged_lines(without_copy):
    gaps = [gap for kind in ("memo", "report") for _, _, gap in full_body_lines(without_copy[kind])]
    assert max(gaps) > SPACE_16PT, gaps


def test_the_docx_keeps_thai_distribute_for_word(documents):
    xml = zipfile.ZipFile(documents["example"]["memo.docx"]).read("word/document.xml").decode()
    assert 'w:val="thaiDistribute"' in xml and 'w:val="both"' not in xml


def _body_text(path: Path) -> str:
    """The text runs of the body, paragraphs apart."""
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p"))


# --- 2. line breaks --------------------------------------------------------------------------------
def _era_and_title_breaks(lines: list[str], source: str) -> list[str]:
    found = []
    for above, below in zip(lines, lines[1:]):
        above, below = above.rstrip(), below.lstrip()
        if re.search(r"[พค]\.ศ\.$", above) and re.match(r"[0-9๐-๙]", below):
            found.append(f"{above[-4:]}|{below[:4]}")
        for title in TITLES:
            if above.endswith(title) and below and re.match(r"[\u0e01-\u0e2e]", below) and (
                    squash(title + below[:4]) in source):
                found.append(f"{title}|{below[:6]}")
    return found


def test_no_listed_word_era_or_title_split_at_a_line_end(documents):
    for name, kind, pdf in _all_pdfs(documents):
        lines = pdf_text(pdf).splitlines()
        source = squash(_body_text(documents[name][f"{kind}.docx"]))
        assert split_words(lines, WORDS) == [], (name, kind)
        assert _era_and_title_breaks(lines, source) == [], (name, kind)


def test_the_split_check_sees_libreoffice_s_own_breaks(without_copy):
    splits = [s for kind in ("memo", "report")
              for s in split_words(pdf_text(without_copy[kind]).splitlines(), WORDS)]
    assert splits, "LibreOffice alone splits listed words (ตัวชี้|วัด, หน่วย|งาน …)"


def test_text_layer_has_the_words_whole_and_nothing_invisible(documents):
    for name, kind, pdf in _all_pdfs(documents):
        text = pdf_text(pdf)
        assert not [hex(ord(c)) for c in set(text) if c in INVISIBLE], (name, kind)
        body = _body_text(documents[name][f"{kind}.docx"])
        for word in WORDS:
            assert text.count(word) >= body.count(word), (name, kind, word)
    # and searchable as typed: "พ.ศ. ๒๕๖๕" with an ordinary space
    assert "พ.ศ. ๒๕๖๕" in pdf_text(documents["example"]["memo.pdf"])


def test_cover_title_has_no_lone_last_word(documents):
    from pythainlp.tokenize import word_tokenize

    for name in ("example", OTHERS[0].id):
        lines = pdf_text(documents[name]["report.pdf"]).split("\f")[0].splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("รายงานผล"))
        title = [lines[start]]
        for line in lines[start + 1:]:
            if line.startswith("ประจำปี"):
                break
            title.append(line)
        assert len(title) == 2, title
        assert len(word_tokenize(title[-1], keep_whitespace=False)) >= 3, title


def test_an_agency_s_own_long_title_and_heading_break_evenly(tmp_path):
    """The report title and headings are settings (s18b): whatever the clerk types is broken
    into even lines.  Filled greedily, these two would leave "หน่วยงานของรัฐ" and
    "ปีงบประมาณ" alone on their last line."""
    data = tracker_data(Case(AGENCIES[2], 2567, 6, True))
    title = "รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของรัฐ"
    heading = ("การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
               "ประจำปีงบประมาณ")
    data["settings"].update(report_title=title, heading_analysis=heading)
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(data))
    result = generate(path, tmp_path / "out", pdf=True, force=True)
    report = next(p for p in result.pdfs if p.name.endswith("report.pdf"))
    lines = [line.strip() for line in pdf_text(report).splitlines()]
    for text in (title, heading):
        found = header_splits(lines, text)
        assert found, f"{text!r} not found on consecutive lines"
        ends = found[0]
        assert len(ends) == 1, (text, ends)  # two lines
        first, last = squash(text)[:ends[0]], squash(text)[ends[0]:]
        assert len(last) >= 0.6 * len(first), (first, last)


def test_long_signer_titles_break_at_a_word_and_keep_the_agency_name(tmp_path):
    data = tracker_data(Case(AGENCIES[2], 2567, 6, True))
    head = "ปลัดองค์การบริหารส่วนตำบลหนองบัวใหญ่ ปฏิบัติราชการแทนนายกองค์การบริหารส่วนตำบลหนองบัวใหญ่"
    data["Chain"] = [{"label": f"ทราบ/ความเห็นของ{head}", "name": "นายบุญมี มีสุข",
                      "position": head}]
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(data))
    result = generate(path, tmp_path / "out", pdf=True, force=True)
    memo = next(p for p in result.pdfs if p.name.endswith("memo.pdf"))
    lines = pdf_text(memo).splitlines()
    assert split_words(lines, ["หนองบัวใหญ่", "องค์การบริหารส่วนตำบล", "ปฏิบัติราชการแทน"]) == []
    assert squash(head) in squash("".join(lines))
    # the agency's name with its place name on one line, each of the four times it is printed
    assert sum(line.count("องค์การบริหารส่วนตำบลหนองบัวใหญ่") for line in lines) >= 4, lines


def test_every_agency_type_s_name_stays_on_one_line_in_the_signatures(tmp_path):
    """Long real titles of every agency type in the memo's signature column (8.5 cm): each
    agency's name (with its place) is printed whole on one line wherever it fits one."""
    from ita_xl.typeset import SLACK, text_width

    data = tracker_data(Case(AGENCIES[0], 2567, 6, True))
    data["Chain"] = [{"label": f"ทราบ/ความเห็นของปลัด{a.name}", "name": "นายบุญมี มีสุข",
                      "position": f"รองปลัด{a.name} ปฏิบัติราชการแทนปลัด{a.name}"}
                     for a in AGENCIES]
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(data))
    result = generate(path, tmp_path / "out", pdf=True, force=True)
    memo = next(p for p in result.pdfs if p.name.endswith("memo.pdf"))
    lines = [squash(line) for line in pdf_text(memo).splitlines()]
    column = (21 - 3 - 2 - 7.5) * CM - SLACK
    for a in AGENCIES:
        if text_width(a.name) > column:
            continue  # cannot be on one line: it breaks at a word (checked by the splits test)
        assert sum(line.count(squash(a.name)) for line in lines) >= 3, (a.name, lines)


# --- 3. page numbers -------------------------------------------------------------------------------
DPI = 200
STRIP_WIDTH = int(21 / 2.54 * DPI)


def _differ(a: bytes, b: bytes) -> int:
    """Pixels that differ between two strips (inked or not), the best of shifting one by up to
    a pixel sideways (a field may sit 0.1 pt off a typed digit)."""
    width = STRIP_WIDTH
    ink_a = [v < 128 for v in a[-width * (len(a) // width):]]
    ink_b = [v < 128 for v in b[-width * (len(b) // width):]]
    return min(sum(x != y for x, y in zip(ink_a[max(0, dx):], ink_b[max(0, -dx):]))
               for dx in (-1, 0, 1))


def _header_strip(pdf: Path, page: int, out: Path) -> bytes:
    """Page ``page``'s top 2 cm as grey pixels."""
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-gray",
                    "-y", "0", "-H", str(int(2 * DPI / 2.54)), "-W", str(STRIP_WIDTH), str(pdf),
                    str(out)], check=True)
    [made] = out.parent.glob(out.name + "-*.pgm")
    data = made.read_bytes()
    made.unlink()
    return data


def _typed_page_number(src: Path, dst: Path, shown: str) -> None:
    """A copy of ``src`` whose header holds "- ``shown`` -" typed, no field."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("word/header"):
                data = re.sub(rb'<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r>'
                              rb'</w:fldSimple>',
                              f"<w:r><w:t>{shown}</w:t></w:r>".encode(), data)
            zout.writestr(item, data)


def test_thai_digit_page_number_looks_as_a_typed_thai_digit(documents, tmp_path):
    memo = documents["example"]["memo.docx"]
    typed = tmp_path / "typed.docx"
    _typed_page_number(memo, typed, "๒")
    ours = _header_strip(documents["example"]["memo.pdf"], 2, tmp_path / "strip-ours")
    arabic = tmp_path / "arabic.docx"
    _typed_page_number(memo, arabic, "2")
    typed_pdf, arabic_pdf = to_pdf([typed, arabic], tmp_path)
    same = _differ(ours, _header_strip(typed_pdf, 2, tmp_path / "strip-typed"))
    other = _differ(ours, _header_strip(arabic_pdf, 2, tmp_path / "strip-arabic"))
    # as a typed ๒ (a field may sit a fraction of a point off), not as LibreOffice's own 2
    assert same * 4 < other, (same, other)
    # the text layer reads the digit the field holds (the companion font maps 0-9 to ๐-๙)
    assert re.search(r"^\f?- 2 -$", pdf_text(documents["example"]["memo.pdf"]), re.M)


def test_arabic_digit_documents_print_arabic_page_numbers(tmp_path):
    from support.wbedit import open_copy, set_name

    book = tmp_path / "arabic.xlsm"
    shutil.copy(resources.example_workbook(), book)
    wb = open_copy(book)
    set_name(wb, "ita_digits", "เลขอารบิก")
    wb.save(book)
    result = generate(book, tmp_path / "out", pdf=True)
    memo = next(p for p in result.pdfs if p.name.endswith("memo.pdf"))
    docx_memo = next(p for p in result.paths if p.name.endswith("memo.docx"))
    typed, thai = tmp_path / "typed.docx", tmp_path / "thai.docx"
    _typed_page_number(docx_memo, typed, "2")
    _typed_page_number(docx_memo, thai, "๒")
    typed_pdf, thai_pdf = to_pdf([typed, thai], tmp_path / "t")
    ours = _header_strip(memo, 2, tmp_path / "strip-a")
    same = _differ(ours, _header_strip(typed_pdf, 2, tmp_path / "strip-b"))
    other = _differ(ours, _header_strip(thai_pdf, 2, tmp_path / "strip-c"))
    assert same * 4 < other, (same, other)
    fonts = subprocess.run(["pdffonts", str(memo)], capture_output=True, text=True).stdout
    assert "ThaiDigits" not in fonts


def test_the_docx_keeps_a_page_field_word_understands(documents):
    header = "".join(zipfile.ZipFile(documents["example"]["memo.docx"]).read(n).decode()
                     for n in zipfile.ZipFile(documents["example"]["memo.docx"]).namelist()
                     if n.startswith("word/header"))
    assert 'w:instr=" PAGE "' in header and "ITA Thai Digits" not in header


# --- 4. tables and pages ---------------------------------------------------------------------------
def _exempt_pages(pdf: Path) -> set[int]:
    """Pages that may be short: a section's last page (before a page break the template puts:
    the cover, the preface) and the document's last page."""
    pages = pdf_text(pdf).split("\f")
    pages = pages[:-1] if pages and not pages[-1].strip() else pages
    exempt = {len(pages)}
    for n, page in enumerate(pages, start=1):
        if n == 1 and pdf.stem.endswith("report") or "คำนำ" in page[:200]:
            exempt.add(n)  # the report's cover, the preface page
    return exempt


def test_no_page_more_than_a_quarter_empty(documents):
    for name, kind, pdf in _all_pdfs(documents):
        empty = page_emptiness(pdf)
        exempt = _exempt_pages(pdf)
        bad = {n: round(share, 2) for n, share in enumerate(empty, start=1)
               if n not in exempt and share > 0.25}
        assert bad == {}, (name, kind, bad)


def test_the_fill_check_sees_rows_that_may_not_split(documents, tmp_path):
    """The example's report with every data row unsplittable again leaves a page half empty."""
    report = documents["example"]["report.docx"]
    old = tmp_path / "cantsplit_report.docx"
    with zipfile.ZipFile(report) as zin, zipfile.ZipFile(old, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:tr>(?!<w:trPr>)", b"<w:tr><w:trPr><w:cantSplit/></w:trPr>",
                              data)
            zout.writestr(item, data)
    [pdf] = to_pdf([old], tmp_path)
    empty = page_emptiness(pdf)
    exempt = _exempt_pages(pdf)
    assert any(share > 0.25 for n, share in enumerate(empty, start=1) if n not in exempt), empty


def test_data_rows_may_split_and_headers_repeat(documents):
    doc = docx.Document(str(documents["example"]["report.docx"]))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table in doc.tables:
        rows = table._tbl.findall(W + "tr")
        header = [tr for tr in rows if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        assert header, "a header row repeats on every page"
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is None for tr in rows if tr not in header)


def _measure_lines(docx_path: Path, pdf: Path) -> dict[str, int]:
    """Lines each measure of the plan table takes in the PDF (its column, all pages)."""
    doc = docx.Document(str(docx_path))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    plan = next(t for t in doc.tables if squash(t.rows[0].cells[0].text) == "มาตรการ"
                and "แนวทาง" in squash(t.rows[0].cells[1].text))
    grid = [int(g.get(W + "w")) / 20 for g in plan._tbl.iter(W + "gridCol")]
    left = 3 * CM + (16 * CM - sum(grid)) / 2
    measures = [row.cells[0].text for row in plan.rows[1:] if row.cells[0].text.strip()]
    lines = []
    for page in range(1, len(pdf_words(pdf)) + 1):
        lines += [line for line in column_lines(pdf, page, left + 1, left + grid[0] - 1)
                  if squash(line) != "มาตรการ"]
    counts = {}
    for measure in measures:
        found = header_splits(lines, measure)
        assert found, f"measure {measure!r} not found whole in its column"
        counts[measure] = min(len(ends) + 1 for ends in found)
    return counts


@pytest.mark.parametrize("name", ["example", "long-measures"])
def test_no_measure_takes_more_than_four_lines(documents, name):
    counts = _measure_lines(documents[name]["report.docx"], documents[name]["report.pdf"])
    assert len(counts) >= 2
    assert max(counts.values()) <= 4, counts


def test_columns_follow_the_content(documents):
    """The plan's columns are no longer the template's: the measures got room."""
    doc = docx.Document(str(documents["example"]["report.docx"]))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    plan = next(t for t in doc.tables if "แนวทาง" in squash(t.rows[0].cells[1].text))
    grid = [int(g.get(W + "w")) for g in plan._tbl.iter(W + "gridCol")]
    assert sum(grid) == pytest.approx(16 / 2.54 * 1440, abs=2)
    assert grid[0] > 3.5 / 2.54 * 1440  # the template has 3.0 cm
