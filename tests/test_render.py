"""``ita_xl.render``: templates edited by clerks — sandboxed; a misspelt field, a broken tag, a tag Word
split across runs and a template reaching for Python internals each end in a clear message (or,
for the split tag, in the right document), never in a silent blank or a traceback."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor
from support.cli import cli, files_in
from support.documents import document_text, xml_problems

from ita_xl.errors import TemplateError
from ita_xl.render import render
from ita_xl.resources import templates_dir

CONTEXT = {"agency": "เทศบาลตำบลเมืองหงส์", "office": "สำนักปลัดเทศบาล",
           "plan": [{"measure": "มาตรการ & <หนึ่ง>"}]}


def make_template(path: Path, paragraphs: list[list[str]]) -> Path:
    """A .docx whose paragraphs are made of the given runs, each run formatted differently
    (bold, italic, red, 20 pt …), as Word leaves a tag the clerk retyped or re-formatted."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for i, text in enumerate(runs):
            run = paragraph.add_run(text)
            run.bold = i % 4 == 0
            run.italic = i % 4 == 1
            if i % 4 == 2:
                run.font.color.rgb = RGBColor(0xC0, 0, 0)
            if i % 4 == 3:
                run.font.size = Pt(20)
    document.save(path)
    return path


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# --- a tag that Word split across runs -----------------------------------------------------------
@pytest.mark.parametrize("runs", [
    ["{{ ag", "en", "cy }}"],  # three runs, three formats
    ["{", "{ agency }", "}"],  # even the braces apart
    ["{{", " agency ", "}}"],
    ["เรียน ", "{{ ", "agency", " }}", " ครับ"],
], ids=["inside-name", "braces-apart", "name-alone", "with-text"])
def test_tag_split_across_runs_is_handled(tmp_path, runs):
    template = make_template(tmp_path / "memo.docx", [runs])
    # The split is real: the tag is in no single run of the template.
    assert all("{{ agency }}" not in r.text for r in docx.Document(template).paragraphs[0].runs)
    data = render(template, CONTEXT)
    assert "เทศบาลตำบลเมืองหงส์" in _text(data)
    assert "{" not in _text(data) and "}" not in _text(data)
    assert xml_problems(data) == []


def test_split_tag_inside_a_table_loop(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("{%tr for m in ").bold = True
    table.cell(0, 0).paragraphs[0].add_run("plan %}")
    table.cell(1, 0).paragraphs[0].add_run("{{ m.mea").italic = True
    table.cell(1, 0).paragraphs[0].add_run("sure }}")
    table.cell(2, 0).paragraphs[0].add_run("{%tr endfor %}")
    path = tmp_path / "report.docx"
    document.save(path)
    data = render(path, CONTEXT)
    assert xml_problems(data) == []
    assert "มาตรการ & <หนึ่ง>" in document_text(data)


# --- errors a clerk can act on -------------------------------------------------------------------
def test_unknown_field_names_template_field_and_known_fields(tmp_path):
    template = make_template(tmp_path / "memo.docx", [["เรียน "], ["{{ agncy }}"]])
    with pytest.raises(TemplateError) as info:
        render(template, CONTEXT)
    text = str(info.value)
    assert "memo.docx" in text and "agncy" in text
    assert "agency, office, plan" in text  # the known fields
    assert "ช่องข้อมูล" in text and "Known fields" in text


def test_unknown_attribute_is_named_too(tmp_path):
    template = make_template(tmp_path / "report.docx", [["{% for m in plan %}{{ m.measur }}"
                                                         "{% endfor %}"]])
    with pytest.raises(TemplateError) as info:
        render(template, CONTEXT)
    assert "report.docx" in str(info.value) and "measur" in str(info.value)


@pytest.mark.parametrize("paragraphs, tag", [
    ([["ที่ "], ["เรียน {{ agency }"], ["จบ"]], "{{ agency }"),
    ([["{% if agency %}"], ["ข้อความ"]], "{% if agency %}"),
    ([["{% for m in plan %}"], ["{{ m.measure }}"]], "{% for m in plan %}"),
    ([["{{ agency | nofilter }}"]], "{{ agency | nofilter }}"),
], ids=["unclosed-braces", "if-without-endif", "for-without-endfor", "unknown-filter"])
def test_syntax_error_names_template_and_offending_tag(tmp_path, paragraphs, tag):
    template = make_template(tmp_path / "memo.docx", paragraphs)
    with pytest.raises(TemplateError) as info:
        render(template, CONTEXT)
    text = str(info.value)
    assert "memo.docx" in text
    assert tag in text, text
    assert "Traceback" not in text


@pytest.mark.parametrize("expression", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ agency.__class__ }}",
    "{{ agency.format.__globals__ }}",
    "{{ '{0.__class__}'.format(agency) }}",
    "{{ cycler.__init__.__globals__.os }}",
])
def test_sandbox_refuses_python_internals(tmp_path, expression):
    template = make_template(tmp_path / "memo.docx", [[expression]])
    with pytest.raises(TemplateError) as info:
        render(template, CONTEXT)
    text = str(info.value)
    assert "memo.docx" in text
    assert "sandbox" in text or "unsafe" in text or "is undefined" in text
    assert "ไม่อนุญาต" in text or "ไม่มีอยู่" in text


def test_template_that_is_not_a_word_file(tmp_path):
    path = tmp_path / "memo.docx"
    path.write_bytes(b"not a docx at all")
    with pytest.raises(TemplateError) as info:
        render(path, CONTEXT)
    assert "memo.docx" in str(info.value) and "Word" in str(info.value)


# --- through the CLI: message, exit code, no document --------------------------------------------
@pytest.fixture
def clerk_templates(tmp_path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    return folder


@pytest.mark.parametrize("paragraphs, words", [
    ([["{{ agncy }}"]], ["agncy", "memo.docx"]),
    ([["{% if agency %}"]], ["{% if agency %}", "memo.docx"]),
    ([["{{ ''.__class__.__mro__ }}"]], ["__class__", "memo.docx"]),
], ids=["unknown", "syntax", "sandbox"])
def test_cli_reports_template_problems_and_writes_nothing(clerk_templates, tmp_path, paragraphs,
                                                          words):
    make_template(clerk_templates / "memo.docx", paragraphs)
    out = tmp_path / "out"
    result = cli("generate", "--example", "-o", out, env={"ITA_XL_TEMPLATES": str(clerk_templates)})
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    for word in words:
        assert word in result.output
    assert files_in(out) == []  # not even the report, whose template is fine


# --- the style part, parsed only when something asks for it (issue 22) --------------------------
def _part(data: bytes, name: str = "word/styles.xml") -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def _with_part(path: Path, name: str, blob: bytes) -> Path:
    """``path`` with part ``name`` replaced by ``blob`` (the other parts as they were)."""
    import zipfile

    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, blob if info.filename == name else src.read(info))
    return path


def test_bundled_documents_keep_the_style_part_python_docx_writes(tmp_path):
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    from ita_xl import pipeline, resources

    run = pipeline.prepare(resources.example_workbook())
    for name, data in run.rendered.items():
        template = templates_dir() / ("memo.docx" if "memo" in name else "report.docx")
        source = _part(template.read_bytes())
        assert _part(data) == source == serialize_part_xml(parse_xml(source)), name


def test_a_style_part_saved_by_another_program_is_kept_byte_for_byte(tmp_path):
    path = make_template(tmp_path / "t.docx", [["เรียน {{ agency }}"]])
    styles = _part(path.read_bytes())
    # as Word writes it: double quotes, CRLF, no standalone (python-docx would rewrite all)
    word_like = styles.replace(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
                               b'<?xml version="1.0" encoding="UTF-8"?>\r\n')
    assert word_like != styles
    _with_part(path, "word/styles.xml", word_like)
    out = render(path, CONTEXT)
    assert _part(out) == word_like
    assert "เรียน เทศบาลตำบลเมืองหงส์" in _text(out)


def test_styles_asked_for_are_parsed_and_their_changes_written(tmp_path):
    from ita_xl.render import _template_class

    _template_class()  # installs the style part that is parsed when needed
    path = make_template(tmp_path / "t.docx", [["{{ agency }}"]])
    document = docx.Document(str(path))
    assert getattr(type(document.part._styles_part), "read_when_needed", False)
    document.styles["Normal"].font.size = Pt(21)
    buf = io.BytesIO()
    document.save(buf)
    assert docx.Document(io.BytesIO(buf.getvalue())).styles["Normal"].font.size == Pt(21)


@pytest.mark.parametrize("cache_state", ["cold", "warm"])
def test_a_damaged_style_part_is_refused_and_nothing_is_written(clerk_templates, tmp_path,
                                                                 cache_state):
    """The style part is written as read; a damaged one must still stop the run (exit 2, a Thai
    and English message naming the template), not give a .docx Word cannot open."""
    env = {"ITA_XL_TEMPLATES": str(clerk_templates), "ITA_XL_CACHE_DIR": str(tmp_path / "c")}
    if cache_state == "warm":  # the good part's "parses" is in the cache: it must not vouch
        assert cli("generate", "--example", "-o", tmp_path / "ok", env=env).exit_code == 0
    report = clerk_templates / "report.docx"
    styles = _part(report.read_bytes())
    _with_part(report, "word/styles.xml", styles[:len(styles) // 2])
    out = tmp_path / "out"
    result = cli("generate", "--example", "-o", out, env=env)
    assert result.exit_code == 2, result.output
    assert "อ่านแม่แบบ report.docx ไม่ได้" in result.output
    assert "Cannot use template report.docx" in result.output
    assert files_in(out) == []
