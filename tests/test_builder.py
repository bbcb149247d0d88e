"""``ita_xl.builder``: the committed binaries are what their sources build; the templates'
Thai type."""
from __future__ import annotations

from pathlib import Path



def test_template_styles_set_th_sarabun_16pt_in_every_slot():
    import zipfile

    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    w = "{%s}" % ns["w"]
    for name in ("memo.docx", "report.docx"):
        path = Path(__file__).parents[1] / "templates" / name
        styles = etree.fromstring(zipfile.ZipFile(path).read("word/styles.xml"))
        for scope in (styles.find("w:docDefaults/w:rPrDefault/w:rPr", ns),
                      styles.find("w:style[@w:styleId='Normal']/w:rPr", ns)):
            fonts = scope.find("w:rFonts", ns)
            for slot in ("ascii", "hAnsi", "cs"):
                assert fonts.get(w + slot) == "TH SarabunPSK", (name, slot)
            assert not any(attr.endswith("Theme") for attr in fonts.attrib)
            assert scope.find("w:sz", ns).get(w + "val") == "32"
            assert scope.find("w:szCs", ns).get(w + "val") == "32"
            assert scope.find("w:lang", ns).get(w + "bidi") == "th-TH"
        section = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(
            ".//w:sectPr", ns)
        size, margins = section.find("w:pgSz", ns), section.find("w:pgMar", ns)
        assert (size.get(w + "w"), size.get(w + "h")) == ("11906", "16838")  # A4 in twips
        assert (margins.get(w + "left"), margins.get(w + "right")) == ("1701", "1134")  # 3 / 2 cm


def test_memo_heading_is_29pt_bold():
    import docx

    doc = docx.Document(str(Path(__file__).parents[1] / "templates" / "memo.docx"))
    heading = next(p for p in doc.paragraphs if p.text == "บันทึกข้อความ")
    run = heading.runs[0]
    rpr = run._r.rPr
    from docx.oxml.ns import qn

    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "58"
    assert rpr.find(qn("w:bCs")) is not None and run.bold


def test_committed_templates_and_workbook_match_their_sources():
    from ita_xl.builder.excel_side import extra_projects, source_side
    from ita_xl.builder.templates import template_bytes
    from ita_xl.xlsm.tracker import example_tracker_bytes

    root = Path(__file__).parents[1]
    for name in ("memo.docx", "report.docx"):
        assert (root / "templates" / name).read_bytes() == template_bytes(name), name
    # built from source (VBA, ribbon): what init/import copy at run time is what the source builds
    assert (root / "workbook" / "ITA_tracker.xlsm").read_bytes() == example_tracker_bytes(source_side)
    built = extra_projects()  # the VBA projects of import's and init --framework's trackers
    assert sorted(p.name for p in (root / "workbook" / "vba").glob("*.bin")) == sorted(built)
    for name, project in built.items():
        assert (root / "workbook" / "vba" / name).read_bytes() == project, name
