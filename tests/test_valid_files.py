"""Issue 9, part 8: every file ita-xl produces validates against the ECMA-376 schemas.

The validator is ``openxml-audit`` (PyPI, MIT): a pure-Python port of the validator of
Microsoft's Open XML SDK (the schema constraints of ECMA-376 / ISO/IEC 29500 transitional as the
SDK models them, its semantic and package checks, and rules for what Word and Excel repair),
run offline.  Every finding fails the test except the validator's own false positives, each
listed in :data:`FALSE_POSITIVES` with the reason it is not an ECMA-376 violation.

Checked: the memo and the report of the bundled example (with and without the Garuda emblem,
Thai and Arabic digits), the two templates, the bundled tracker and a tracker from ``ita-xl
init``.
"""
from __future__ import annotations

import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator
from support.cli import cli_process
from support.wbedit import open_copy, set_name

from ita_xl import resources
from ita_xl.pipeline import generate
from ita_xl.resources import templates_dir

EXAMPLE = resources.example_workbook()

# CT_Font's children (ECMA-376 Part 1, sml.xsd).
_FONT_CHILDREN = {"b", "i", "strike", "condense", "extend", "outline", "shadow", "u",
                  "vertAlign", "sz", "color", "name", "family", "charset", "scheme"}

#: (why, predicate on a finding) for findings that are not violations of ECMA-376.
FALSE_POSITIVES = [
    ("ECMA-376 Part 1 sml.xsd declares CT_Font (a <font> in styles.xml) as "
     "<xsd:choice maxOccurs=\"unbounded\">: its children may come in any order.  The Open XML "
     "SDK, and so openxml-audit, models it as a sequence in the order Excel writes, and reports "
     "openpyxl's order (name, family, b, i, color, sz) as 'Unexpected element'.  Excel opens "
     "such files without repair.",
     lambda e: (e.part_uri == "/xl/styles.xml" and e.error_type.value == "schema"
                and re.search(r"/font\[\d+\]$", e.path or "") is not None
                and e.node in _FONT_CHILDREN)),
    ("A cell of type inlineStr holds its text in the cell (ST_CellType 'inlineStr', ECMA-376 "
     "Part 1 §18.3.1.4 and §18.18.11), which is valid without a shared-strings part; the "
     "finding predicts that Excel moves such strings into sharedStrings.xml when it next saves "
     "the file, not that the file is invalid.  openpyxl writes text cells this way.",
     lambda e: (e.error_type.value == "semantic" and e.part_uri.startswith("/xl/worksheets/")
                and "inline-string cell" in e.description)),
]


def findings(path: Path) -> list[str]:
    """Every finding of the validator on ``path``, less the documented false positives."""
    result = OpenXmlValidator(max_errors=0).validate(path)
    kept = [e for e in result.errors if not any(match(e) for _, match in FALSE_POSITIVES)]
    return [f"{e.severity.value} {e}" for e in kept]


def test_validator_reports_the_faults_the_report_had(tmp_path):
    """Not blind: the two faults of the old report template are findings."""
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(templates_dir() / "report.docx") as zin, \
            zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode()
                # a second tblLayout, and vMerge moved after vAlign, as the old build wrote them
                xml = xml.replace('<w:tblLayout w:type="fixed"/>',
                                  '<w:tblLayout w:type="fixed"/><w:tblLayout w:type="fixed"/>', 1)
                xml = re.sub(r'(<w:vMerge w:val="restart"/>)(<w:vAlign w:val="center"/>)',
                             r"\2\1", xml, count=1)
                data = xml.encode()
            zout.writestr(item, data)
    found = "\n".join(findings(bad))
    assert "tblLayout" in found and "vMerge" in found, found


@pytest.mark.parametrize("name", ["memo.docx", "report.docx"])
def test_templates_are_valid(name):
    assert findings(templates_dir() / name) == []


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_produced_documents_are_valid(tmp_path):
    emblem = tmp_path / "garuda.png"
    emblem.write_bytes(_png(40, 48))
    arabic = tmp_path / "arabic.xlsm"
    shutil.copy(EXAMPLE, arabic)
    wb = open_copy(arabic)
    set_name(wb, "ita_digits", "เลขอารบิก")
    wb.save(arabic)
    produced = [*generate(EXAMPLE, tmp_path / "plain").paths,
                *generate(EXAMPLE, tmp_path / "emblem", emblem=emblem).paths,
                *generate(arabic, tmp_path / "arabic").paths]
    assert len(produced) == 6
    for path in produced:
        assert findings(path) == [], path


def test_bundled_and_new_trackers_are_valid(tmp_path):
    new = tmp_path / "ITA_tracker.xlsm"
    proc = cli_process("init", new)
    assert proc.returncode == 0, proc.stderr
    for path in (EXAMPLE, new):
        assert findings(path) == [], path


def test_false_positives_are_only_those_documented():
    """The bundled tracker does produce both kinds of false positive (they are not dead rules),
    and nothing else is filtered out."""
    errors = OpenXmlValidator(max_errors=0).validate(EXAMPLE).errors
    for why, match in FALSE_POSITIVES:
        assert any(match(e) for e in errors), why


@pytest.mark.parametrize("book", ["bundled", "new"])
def test_data_validation_formulas_have_no_equals_sign(tmp_path, book):
    """Excel stores a validation list as a formula without "=" (``list_round``); "=list_round"
    is what Excel's repair rewrites.  Each names a defined name of the workbook."""
    path = EXAMPLE
    if book == "new":
        path = tmp_path / "ITA_tracker.xlsm"
        assert cli_process("init", path).returncode == 0
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        formulas = [f for name in z.namelist() if name.startswith("xl/worksheets/sheet")
                    for f in re.findall(r"<(?:\w+:)?formula1>([^<]*)</", z.read(name).decode())]
    names = set(re.findall(r'<(?:\w+:)?definedName name="([^"]+)"', workbook))
    assert formulas
    for formula in formulas:
        assert not formula.startswith("="), formula
        assert formula in names, formula
