"""Issue 9, part 7: typesetting of the bundled example's PDFs, read back from the PDF.

* Latin words never end a line inside the word (Latin runs are tagged en-US, Thai th-TH in
  ``w:bidi``); a copy tagged the old way (every run th-TH) shows the check does find such breaks.
* No header cell of either table is split inside a word (pythainlp's words), at the widths the
  report has: every header cell is found in its column's region of the PDF and each of its line
  ends falls between two words.
* Page numbers "- n -" at the top centre from page 2 on, none on page 1; digits per setting.
* One spelling of "พ.ศ. ๒๕xx" in the templates; the PDF's Title names kind, agency and year.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from support.documents import pdf_text, squash
from support.typesetting import header_breaks, header_cells, header_splits, pdf_words, word_ends
from support.wbedit import open_copy, set_name
from support.workbooks import write_second_agency

from ita_xl import resources
from ita_xl.convert import to_pdf
from ita_xl.pipeline import generate
from ita_xl.resources import templates_dir

EXAMPLE = resources.example_workbook()

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CM = 72 / 2.54  # PDF points per cm
TWIP = 1 / 20  # points per twip
AGENCY = "เทศบาลตำบลเมืองหงส์"  # the seed's agency, fiscal year ๒๕๖๕


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, Path]:
    """The bundled example's memo and report, .docx and PDF."""
    out = tmp_path_factory.mktemp("typeset")
    result = generate(EXAMPLE, out, pdf=True)
    files = {}
    for path in [*result.paths, *result.pdfs]:
        kind = path.stem.rsplit("_", 1)[1]
        files[f"{kind}{path.suffix}"] = path
    return files


# --- Latin words ---------------------------------------------------------------------------------
_LATIN_END = re.compile(r"([A-Za-z]+)$")
_LATIN_START = re.compile(r"^([A-Za-z]+)")


def latin_breaks_inside_words(pdf: Path, source: str) -> list[str]:
    """Line ends of ``pdf`` that split a Latin word of ``source`` (the document's text).

    A line that ends with Latin letters followed by a line that starts with Latin letters is
    fine only where the document has a space (or line break) between the two pieces.
    """
    lines = [line.strip() for line in pdf_text(pdf).splitlines()]
    found = []
    for above, below in zip(lines, lines[1:]):
        end, start = _LATIN_END.search(above), _LATIN_START.search(below)
        if not (end and start):
            continue
        a, b = end.group(1), start.group(1)
        if not re.search(rf"(?<![A-Za-z]){a}\s+{b}(?![A-Za-z])", source):
            found.append(f"{a}|{b}")
    return found


def docx_all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    xml = re.sub(r"<w:(br|tab|cr)\b[^>]*/>|</w:p>", " ", xml)
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


@pytest.mark.soffice
def test_no_line_ends_inside_a_latin_word(example):
    report = docx_all_text(example["report.docx"])
    assert re.search(r"Integrity and\s+[Tt]ransparency Assessment", report)  # Latin is there
    assert latin_breaks_inside_words(example["report.pdf"], report) == []
    memo = docx_all_text(example["memo.docx"])
    assert latin_breaks_inside_words(example["memo.pdf"], memo) == []


_THAI = re.compile(r"[\u0e01-\u0e5b]")
# Marks and following vowels never start a line; leading vowels never end one.
_NO_LINE_START = set("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                     "\u0e45\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_NO_LINE_END = set("\u0e40\u0e41\u0e42\u0e43\u0e44")


@pytest.mark.soffice
def test_thai_still_wraps_between_thai_words(example):
    """Thai has no spaces between words: lines must still end inside runs of Thai text (the Thai
    dictionary breaks), never inside a syllable."""
    source = squash(docx_all_text(example["report.docx"]))
    lines = [line.strip() for line in pdf_text(example["report.pdf"]).splitlines()]
    unspaced = 0
    for above, below in zip(lines, lines[1:]):
        if not (above and below and _THAI.match(above[-1]) and _THAI.match(below[0])):
            continue
        assert below[0] not in _NO_LINE_START and above[-1] not in _NO_LINE_END, (above, below)
        if above[-4:] + below[:4] in source and f"{above[-4:]} {below[:4]}" not in \
                docx_all_text(example["report.docx"]):
            unspaced += 1
    assert unspaced >= 10, unspaced


def _retag_latin_as_thai(src: Path, dst: Path) -> None:
    """A copy of ``src`` whose runs are all tagged th-TH, as the templates did before."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("word/styles.xml", "word/document.xml"):
                data = data.replace(b'w:val="en-US"', b'w:val="th-TH"')
            zout.writestr(item, data)


@pytest.mark.soffice
def test_the_check_finds_latin_words_broken_by_a_thai_language_tag(example, tmp_path):
    """The check above is not blind: the same report with Latin tagged th-TH breaks words."""
    old = tmp_path / "old_tags.docx"
    _retag_latin_as_thai(example["report.docx"], old)
    assert b'w:val="en-US"' not in zipfile.ZipFile(old).read("word/styles.xml")
    [pdf] = to_pdf([old], tmp_path)
    assert latin_breaks_inside_words(pdf, docx_all_text(old))  # e.g. "Assessme|nt"


def test_latin_is_tagged_en_us_and_thai_th_th_in_every_template_style():
    for name in ("memo.docx", "report.docx"):
        doc = docx.Document(str(templates_dir() / name))
        langs = list(doc.styles.element.iter(W + "lang"))
        langs += list(doc.element.body.iter(W + "lang"))
        assert langs, name
        for lang in langs:
            assert (lang.get(W + "val"), lang.get(W + "bidi")) == ("en-US", "th-TH"), name


# --- table headers -------------------------------------------------------------------------------


@pytest.mark.soffice
def test_no_header_word_of_either_table_is_split(example):
    cells = header_cells(example["report.docx"])
    assert {squash(t) for t, _, _ in cells} >= {
        "มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ", "การกำกับติดตาม",
        "รายละเอียดการดำเนินงาน", "ระยะเวลาการดำเนินงาน", "ผลการดำเนินการ", "ผลผลิต", "ผลลัพธ์",
        "หมายเหตุ"}
    for text, seen in header_breaks(example["report.docx"], example["report.pdf"]):
        assert seen, f"header {text!r} not found whole in its column"
        bad = [ends for ends in seen if not set(ends) <= word_ends(text)]
        assert not bad, f"header {text!r} is split inside a word at {bad}"


def test_the_header_check_sees_a_split_inside_a_word():
    lines = ["สำนักปลัด", "ผู้รับผิด", "ชอบ", "ราย"]
    [ends] = header_splits(lines, "ผู้รับผิดชอบ")
    assert not set(ends) <= word_ends("ผู้รับผิดชอบ")
    [ends] = header_splits(["ระยะเวลา", "การดำเนินงาน"], "ระยะเวลาการดำเนินงาน")
    assert set(ends) <= word_ends("ระยะเวลาการดำเนินงาน")
    [ends] = header_splits(["ระยะเวลา", "การดำเนิน", "งาน"], "ระยะเวลาการดำเนินงาน")
    assert not set(ends) <= word_ends("ระยะเวลาการดำเนินงาน")


# --- page numbers --------------------------------------------------------------------------------
_PAGE_NO = re.compile(r"^- ([0-9๐-๙]+) -$")


def top_lines(pdf: Path) -> list[tuple[str, float]]:
    """Per page: the text of the highest line above the top margin (2.5 cm) and its centre."""
    result = []
    for words in pdf_words(pdf):
        top = [w for w in words if w[2] < 2.5 * CM]
        if not top:
            result.append(("", 0.0))
            continue
        y = min(w[2] for w in top)
        line = sorted(w for w in top if abs(w[2] - y) < 1)
        result.append((" ".join(w[3] for w in line), (line[0][0] + line[-1][1]) / 2))
    return result


@pytest.mark.soffice
@pytest.mark.parametrize("kind", ["memo", "report"])
def test_page_numbers_top_centre_from_page_two(example, kind):
    tops = top_lines(example[f"{kind}.pdf"])
    assert len(tops) >= 2
    assert not _PAGE_NO.match(tops[0][0]), "page 1 has no page number"
    centre = (3.0 + 16.0 / 2) * CM  # the middle of the text area (left margin 3 cm, 16 cm wide)
    for page, (text, x) in enumerate(tops[1:], start=2):
        m = _PAGE_NO.match(text)
        assert m, (page, text)
        assert m.group(1) in (str(page), "๐๑๒๓๔๕๖๗๘๙"[page] if page < 10 else "")
        assert abs(x - centre) < 0.5 * CM, (page, x, centre)


def _page_number_formats(path: Path) -> list[str | None]:
    doc = docx.Document(str(path))
    formats = []
    for sect in doc.element.body.iter(W + "sectPr"):
        pg = sect.find(W + "pgNumType")
        formats.append(pg.get(W + "fmt") if pg is not None else None)
    return formats


def test_page_number_digits_follow_the_digit_setting(tmp_path, example_docx_only):
    """Thai digits: Word's thaiNumbers page format; Arabic digits: the default (decimal)."""
    for path in example_docx_only.values():
        assert _page_number_formats(path) == ["thaiNumbers"]
        sect = docx.Document(str(path)).sections[0]
        assert sect.different_first_page_header_footer
        assert not "".join(p.text for p in sect.first_page_header.paragraphs).strip()
        header = sect.header._element
        assert [f.get(W + "instr").strip() for f in header.iter(W + "fldSimple")] == ["PAGE"]
    book = tmp_path / "arabic.xlsm"
    shutil.copy(EXAMPLE, book)
    wb = open_copy(book)
    set_name(wb, "ita_digits", "เลขอารบิก")
    wb.save(book)
    result = generate(book, tmp_path / "out")
    for path in result.paths:
        assert _page_number_formats(path) == [None], path.name


@pytest.fixture(scope="module")
def example_docx_only(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    return {p.stem.rsplit("_", 1)[1]: p for p in generate(EXAMPLE, out).paths}


# --- พ.ศ. and the title ----------------------------------------------------------------------------
def test_one_spelling_of_the_buddhist_era_in_the_templates():
    """"พ.ศ. ๒๕๖๕": one space between the abbreviation and the year, in every template sentence."""
    for name in ("memo.docx", "report.docx"):
        doc = docx.Document(str(templates_dir() / name))
        text = docx_all_text(templates_dir() / name) + " " + doc.core_properties.title
        uses = re.findall(r"พ\.ศ\.\s*\S", text)
        assert uses, name
        assert all(re.fullmatch(r"พ\.ศ\. \S", u) for u in uses), (name, uses)


def pdf_title(pdf: Path) -> str:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r"^Title:\s*(.*)$", out, flags=re.M)
    return m.group(1).strip() if m else ""


@pytest.mark.soffice
def test_pdf_title_names_kind_agency_and_year(example):
    kinds = {"memo": "บันทึกข้อความ",
             "report": "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"}
    for kind, words in kinds.items():
        title = pdf_title(example[f"{kind}.pdf"])
        assert title.startswith(words), title
        assert AGENCY in title and "พ.ศ. ๒๕๖๕" in title and "{" not in title, title
    assert pdf_title(example["memo.pdf"]) != pdf_title(example["report.pdf"])


def test_title_is_plain_text(tmp_path):
    """Markup characters in the agency name are the name, not XML escapes, in the Title."""
    workbook = tmp_path / "amp.xlsm"
    shutil.copy(EXAMPLE, workbook)
    wb = open_copy(workbook)
    set_name(wb, "ita_agency", "เทศบาล <ก> & \"ข\"")
    wb.save(workbook)
    result = generate(workbook, tmp_path / "out", force=True)
    for path in result.paths:
        title = docx.Document(str(path)).core_properties.title
        assert "เทศบาล <ก> & \"ข\"" in title and "&amp;" not in title, title


def test_title_of_another_agency_names_that_agency(tmp_path):
    workbook = tmp_path / "second.xlsm"
    shutil.copy(EXAMPLE, workbook)
    write_second_agency(workbook)
    result = generate(workbook, tmp_path / "out")
    for path in result.paths:
        title = docx.Document(str(path)).core_properties.title
        assert AGENCY not in title and "{" not in title, title
        assert squash(result.tracker.settings.agency) in squash(title), title


def test_a_misspelt_tag_in_the_title_stops_the_run(tmp_path):
    from ita_xl.errors import TemplateError

    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    doc = docx.Document(str(templates / "memo.docx"))
    doc.core_properties.title = "บันทึกข้อความ {{ agnecy }}"
    doc.save(str(templates / "memo.docx"))
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as err:
        generate(EXAMPLE, out, templates=templates)
    assert "agnecy" in str(err.value) and "memo.docx" in str(err.value)
    assert not out.exists() or not any(out.iterdir())


def test_an_overlong_title_is_cut_whole_letters_and_the_document_written(tmp_path):
    """Word's Title holds 255 characters: a 240-character agency name still gives documents."""
    workbook = tmp_path / "long.xlsm"
    shutil.copy(EXAMPLE, workbook)
    wb = open_copy(workbook)
    agency = "เทศบาลตำบล" + "ชื่อยาว" * 33
    set_name(wb, "ita_agency", agency)
    wb.save(workbook)
    result = generate(workbook, tmp_path / "out", force=True)
    for path in result.paths:
        title = docx.Document(str(path)).core_properties.title
        assert len(title) <= 255 and title.endswith("…"), title
        kept = title[:-1].split(" เทศบาลตำบล", 1)[1]
        assert agency.startswith("เทศบาลตำบล" + kept), title
        following = agency[len("เทศบาลตำบล" + kept)]
        assert not unicodedata.category(following).startswith("M"), (kept, following)
