"""``ita_xl.context`` and ``render``: property-based tests — any text in any field gives well-formed documents that
python-docx opens and that contain that text (after the documented normalisation).

Most examples change one field of a tracker read once from the bundled workbook (a deep copy per
example, no file written); a few go through a real workbook file; a small sample goes through
LibreOffice to PDF, where ``pdftotext -raw`` must find the text.
"""
from __future__ import annotations

import copy
import io
import re
import shutil

import docx
import pytest
from support.documents import pdf_text, squash
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.documents import document_text, xml_problems
from support.wbedit import open_copy, set_cell, set_name

from ita_xl import resources
from ita_xl.pipeline import render_documents
from ita_xl.reader import read_tracker
from ita_xl.thai import to_thai_digits

_REMOVED = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_EXCEL_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def normalised(text: str) -> str:
    """The documented clean-up: CR LF, CR and VT are line breaks; other controls are removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _REMOVED.sub("", text)


BASE = read_tracker(resources.example_workbook())


def _short_indicator_and_level() -> tuple[int, int]:
    level, members = BASE.levels_with_indicators()[0]
    return BASE.indicators.index(members[0]), BASE.levels.index(level)


IND, LEV = _short_indicator_and_level()

# (owner, index, attribute, digits converted to Thai?) — every place the documents print from.
SETTING_FIELDS = ["agency", "office", "district", "province", "continuation", "subject",
                  "addressee", "closing", "preface", "preface_signer", "memo_date",
                  "preface_date", "writer_name", "writer_position", "preparer_name",
                  "preparer_position"]
FIELDS = (
    [("settings", None, f, False) for f in SETTING_FIELDS]
    + [("settings", None, "memo_ref", True), ("settings", None, "fiscal_year", True)]
    + [("chain", i, f, False) for i in (0, len(BASE.chain) - 1)
       for f in ("label", "rank", "name", "position")]
    + [("plan", i, f, False) for i in (0, len(BASE.plan) - 1)
       for f in ("measure", "guideline", "steps", "owner", "monitoring")]
    + [("results", i, f, False) for i in (0, len(BASE.results) - 1)
       for f in ("measure", "details", "output", "outcome", "remarks", "start", "end")]
    + [("indicators", IND, "name", False), ("levels", LEV, "description", False)]
)

HOSTILE_PIECES = ["{{", "}}", "{%", "%}", "{#", "#}", "{_{", "}_}", "{_%", "%_}", "{%p ", "{%tr ",
                  "{{r ", "{% vm %}", "&amp;", "&#x41;", "<w:t>", "</w:p>", "]]>", "_x000B_",
                  "\x0b", "\x0c", "\a", "\t", "\r\n", "\n", "\x00", "\x1b", "\x7f", "\x85",
                  "\u200b", "\u200d", "\u2028", "\u202e", "\ufeff", "\ufffe", "\uffff",
                  "ก\u0e34\u0e48", "\u0e4d", "😀", "\U0010fffd", "e\u0301", "שלום"]
ANY_TEXT = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(HOSTILE_PIECES)),
                    max_size=8).map("".join)
START, END = "QXS<", ">EXQ"  # no digits: some fields turn digits into Thai digits


def _set(tracker, where, value) -> None:
    owner, index, attr, _ = where
    if owner == "settings":
        setattr(tracker.settings, attr, value)
    else:
        setattr(getattr(tracker, owner)[index], attr, value)


def _expected(where, value) -> str:
    text = normalised(START + value + END)
    return to_thai_digits(text) if where[3] else text


def _check_documents(rendered: dict[str, bytes], expected: str) -> None:
    texts = []
    for name, data in rendered.items():
        assert xml_problems(data) == [], name
        document = docx.Document(io.BytesIO(data))  # python-docx opens it
        assert document.paragraphs
        texts.append(document_text(data))
    assert squash(expected) in squash("".join(texts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(FIELDS), value=ANY_TEXT)
def test_any_text_in_any_field(where, value):
    tracker = copy.deepcopy(BASE)
    _set(tracker, where, START + value + END)
    _check_documents(render_documents(tracker), _expected(where, value))


@settings(max_examples=25, deadline=None)
@given(values=st.fixed_dictionaries({f: ANY_TEXT for f in ("measure", "guideline", "steps")}))
def test_any_text_in_many_fields_at_once(values):
    tracker = copy.deepcopy(BASE)
    for i, row in enumerate(tracker.plan):
        for name, value in values.items():
            setattr(row, name, f"{START}{i}{name}{value}{END}")
    rendered = render_documents(tracker)
    text = squash("".join(document_text(d) for d in rendered.values()))
    for data in rendered.values():
        assert xml_problems(data) == []
    for i in range(len(tracker.plan)):
        for name, value in values.items():
            assert squash(normalised(f"{START}{i}{name}{value}{END}")) in text


# --- a few through a real workbook file ----------------------------------------------------------
def _as_excel_stores(text: str) -> str:
    """As Excel writes a cell: a literal ``_xHHHH_`` gets its underscore escaped (``_x005F_``),
    then characters XML cannot hold become ``_xHHHH_``."""
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return _EXCEL_ESCAPED.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


REAL_PLACES = [("setting", "ita_agency"), ("setting", "ita_preface"),
               ("cell", ("Plan", "ขั้นตอน/วิธีการปฏิบัติ", 0)), ("cell", ("Results", "ผลลัพธ์", 1))]
XML_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\ufffe\uffff"),
                   max_size=40)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(REAL_PLACES), value=st.one_of(XML_TEXT, ANY_TEXT))
def test_any_text_through_a_real_workbook(tmp_path, place, value):
    from ita_xl.pipeline import generate

    value = value.replace("\ufffe", "").replace("\uffff", "")  # not storable in an .xlsx at all
    path = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    stored = _as_excel_stores(START + value + END)
    cell = set_name(wb, place[1], stored) if place[0] == "setting" else set_cell(wb, *place[1], stored)
    cell.data_type = "s"  # a text starting with "=" stays text, as in a cell formatted as Text
    wb.save(path)
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    result = generate(path, out, force=True)
    rendered = {w.path.name: w.path.read_bytes() for w in result.written}
    _check_documents(rendered, normalised(START + value + END))


# --- a small sample through LibreOffice to PDF ---------------------------------------------------
PRINTABLE = st.lists(st.one_of(
    st.sampled_from(["มาตรการ", "ความโปร่งใส", "ผู้รับผิดชอบ", "ตัวชี้วัด", "ปีงบประมาณ", "๒๕๖๕",
                     "กำกับติดตาม", "{{", "}}", "{%", "%}", "&", "<", ">", "\"", "'", "{_{",
                     "\x0b", "\x01", "\u200b"]),
    st.text(st.sampled_from("abcXYZ0123456789-_.,:;()[]/+=*!?@$^|~"), min_size=1, max_size=8),
), min_size=1, max_size=10).map("".join)


@pytest.mark.soffice
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from([f for f in FIELDS if f[0] in ("plan", "results")
                              and f[2] not in ("start", "end")] + [FIELDS[0]]),
       value=PRINTABLE)
def test_sample_through_libreoffice_to_pdf(tmp_path, where, value):
    from ita_xl.convert import to_pdf
    from ita_xl.output import write_atomic

    tracker = copy.deepcopy(BASE)
    _set(tracker, where, START + value + END)
    out = tmp_path / "pdf"
    shutil.rmtree(out, ignore_errors=True)
    rendered = render_documents(tracker)
    paths = [write_atomic(out / name, data).path for name, data in rendered.items()]
    pdfs = to_pdf(paths, out)
    text = squash("".join(pdf_text(p) for p in pdfs))
    want = squash(_expected(where, value).replace("\u200b", ""))  # zero width: nothing to extract
    assert want in text
