"""Fill a docxtpl template with a context and return the .docx bytes.

Templates are rendered in a Jinja2 *sandbox* with ``autoescape=True``: a cell holding ``&``, ``<``
or ``{{ x }}`` is data and prints as typed, and a template edited by a clerk cannot reach Python
objects.  ``StrictUndefined`` turns a misspelt tag into an error that names the template, the
tag and the tags that exist, instead of a silent blank in a published document.
"""
from __future__ import annotations

import functools
import html
import io
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .errors import TemplateError

def _protect_braces(value: Any) -> Any:
    """Print a value's braces as character references.

    After rendering, docxtpl turns ``{_{``, ``}_}``, ``{_%`` and ``%_}`` in the whole document
    into ``{{``, ``}}``, ``{%`` and ``%}`` (its escape for literal tags in templates), which would
    change a clerk's text such as ``{_{``.  ``&#123;``/``&#125;`` are the same characters once the
    XML is parsed, and docxtpl's replacement does not see them.
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    if "{" not in value and "}" not in value:
        return value
    return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))


class _Environment(SandboxedEnvironment):
    """The sandbox, remembering the last source it compiled (docxtpl's XML of one part), so an
    error can show the paragraph holding the faulty tag (docxtpl puts each paragraph on a line)."""

    last_source: str = ""

    def from_string(self, source, *args, **kwargs):
        if isinstance(source, str):
            self.last_source = source
            if not args and not kwargs:
                return _compiled(self, source)
        return super().from_string(source, *args, **kwargs)


# Compiled parts by their XML source.  docxtpl hands the same XML for every render of a template,
# and compiling it is a third of a render; a part compiled by one _Environment serves the next
# (the source key includes how the environment is configured).  A batch of 1,000 agencies
# compiles each part once — and a new process loads the code from the user's cache (below).
_COMPILED: dict[tuple[str, str], Any] = {}
_COMPILED_MAX = 64


def _compiled(env: SandboxedEnvironment, source: str):
    signature = _signature(env)
    template = _COMPILED.get((signature, source))
    if template is None:
        template = env.template_class.from_code(env, _code(env, signature, source),
                                                env.make_globals(None), None)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[(signature, source)] = template
    return template


def _signature(env: SandboxedEnvironment) -> str:
    """What of an environment's configuration shapes the code Jinja generates."""
    return repr((type(env).__name__, env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                 env.keep_trailing_newline, env.optimized, env.is_async, bool(env.autoescape),
                 getattr(env.finalize, "__qualname__", None), sorted(env.extensions)))


def _code(env: SandboxedEnvironment, signature: str, source: str):
    """The compiled Python code of ``source`` (what ``env.from_string`` compiles), from the
    user's cache when an earlier process compiled the same source with the same versions.

    Jinja's own bytecode-cache bucket writes and checks the entry (its magic holds the Python
    version, its checksum our key); the key also holds Jinja's version and the configuration.
    A syntax error is raised by ``env.compile`` as before: nothing is stored for it.
    """
    import jinja2
    from jinja2.bccache import Bucket

    from . import cache

    entry = cache.key("jinja code 1", jinja2.__version__, signature, source)
    bucket = Bucket(env, entry, entry)
    data = cache.get("jinja", entry)
    if data is not None:
        bucket.bytecode_from_string(data)
    if bucket.code is None:
        bucket.code = env.compile(source)
        cache.put("jinja", entry, bucket.bytecode_to_string())
    return bucket.code


# Template XML after docxtpl's patch_xml (pure text clean-up: ~15 ms for both documents), by
# the XML the template part holds; stored across processes in the user's cache.
_PREPARED: dict[str, str] = {}
_PREPARED_MAX = 64


def _prepared_xml(src_xml: str, patch) -> str:
    """``patch(src_xml)`` (docxtpl's ``patch_xml``), from the user's cache when it has it."""
    done = _PREPARED.get(src_xml)
    if done is None:
        import docxtpl

        from . import cache

        entry = cache.key("docxtpl patch_xml 1", docxtpl.__version__, src_xml)
        data = cache.get("xml", entry)
        done = data.decode("utf-8", "surrogatepass") if data is not None else None
        if done is None:
            done = patch(src_xml)
            cache.put("xml", entry, done.encode("utf-8", "surrogatepass"))
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        _PREPARED[src_xml] = done
    return done


@functools.lru_cache(maxsize=1)
def _template_class():
    """docxtpl's DocxTemplate with ``patch_xml`` served from :func:`_prepared_xml`, its style
    part read only when something asks for it (:func:`_styles_read_when_needed`)."""
    from docxtpl import DocxTemplate

    _styles_read_when_needed()

    class Template(DocxTemplate):
        def patch_xml(self, src_xml):
            return _prepared_xml(src_xml, super().patch_xml)

    return Template


def _styles_read_when_needed() -> None:
    """python-docx parses every XML part of a package when it opens it, and writes each back
    from its parsed form.  The style part (``word/styles.xml``, 340 KB in the bundled templates:
    Word's latent styles) is never changed by rendering, yet parsing and writing it back was a
    fifth of a batch's work per agency.  So its bytes are kept as read and parsed only if
    something asks for its XML; a part nobody asked for is written back with the bytes it was
    read with — for a part python-docx wrote (the bundled templates), exactly the bytes it
    would write again (``tests/test_render.py`` checks both, and that a change is kept)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory
    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart

    if getattr(PartFactory.part_type_for.get(CT.WML_STYLES), "read_when_needed", False):
        return  # installed already

    class StylesReadWhenNeeded(StylesPart):
        read_when_needed = True
        _parsed = None
        _source: bytes | None = None

        @classmethod
        def load(cls, partname, content_type, blob, package):
            _well_formed(blob, parse_xml)  # a damaged part stops at open, as when parsed there
            part = cls(partname, content_type, None, package)
            part._source = blob
            return part

        @property
        def _element(self):
            if self._parsed is None and self._source is not None:
                self._parsed = parse_xml(self._source)
            return self._parsed

        @_element.setter
        def _element(self, element):
            self._parsed = element

        @property
        def blob(self):
            if self._parsed is None and self._source is not None:
                return self._source
            return super().blob

    PartFactory.part_type_for[CT.WML_STYLES] = StylesReadWhenNeeded


# Style parts known to parse, by their cache key: a batch checks its templates' part once.
_WELL_FORMED: set[str] = set()


def _well_formed(blob: bytes, parse) -> None:
    """Raise as ``parse(blob)`` does when ``blob`` is not well-formed XML.  A part kept as bytes
    is written into the document as it is, so a clerk's template with a damaged style part
    must still be refused at open, not make a .docx Word cannot read.  Parsed once per content:
    in this process, and through the user's cache (a stored "parses" for these exact bytes)."""
    import lxml

    from . import cache

    entry = cache.key("styles part parses 1", lxml.__version__, blob)
    if entry in _WELL_FORMED:
        return
    if cache.get("xml", entry) is None:
        parse(blob)
        cache.put("xml", entry, b"parses")
    _WELL_FORMED.add(entry)


def _environment() -> SandboxedEnvironment:
    return _Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                        finalize=_protect_braces)


_XML_TAG = re.compile(r"<[^>]*>")


def _source_line(env: _Environment, lineno: int | None) -> str:
    """The text of line ``lineno`` of the last compiled part: one paragraph, XML tags removed."""
    if not lineno:
        return ""
    lines = env.last_source.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    text = html.unescape(_XML_TAG.sub("", lines[lineno - 1])).strip()
    return text if len(text) <= 200 else text[:197] + "…"


def _template_lineno(exc: BaseException) -> int | None:
    """The template line where a runtime error happened (Jinja keeps it in the traceback)."""
    lineno = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def _part_label(doc: Any) -> str:
    part = getattr(doc, "current_rendering_part", None)
    name = str(getattr(part, "partname", "") or "")
    if "header" in name:
        return "หัวกระดาษ / header"
    if "footer" in name:
        return "ท้ายกระดาษ / footer"
    return ""


_UNDEFINED_NAME = re.compile(r"^'([^']*)' is undefined$")
_UNDEFINED_ATTR = re.compile(r"has no attribute '([^']*)'")


@functools.lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


EMBLEM_HEIGHT_MM = 15  # the Garuda emblem of a บันทึกข้อความ is 1.5 cm tall


def render(template: Path, context: dict[str, Any], *,
           images: dict[str, Path] | None = None) -> bytes:
    """Render ``template`` with ``context``; raise TemplateError with a Thai+English message.

    ``images`` maps a tag to a picture file (the agency's Garuda emblem for ``{{ emblem }}``);
    each is placed 1.5 cm tall.  Pictures are given here, not in ``context``, because docxtpl
    needs the opened template to embed them.
    """
    name = template.name
    try:
        # Cached by path and mtime: a batch renders the same template thousands of times.
        blob = _template_bytes(template, template.stat().st_mtime_ns)
        doc = _template_class()(io.BytesIO(blob))
        doc.init_docx()
    except FileNotFoundError as exc:
        raise TemplateError(f"ไม่พบแม่แบบเอกสาร {name}", f"Template not found: {template}",
                            where=str(template)) from exc
    except Exception as exc:  # zip/XML damage in a template a clerk saved
        raise TemplateError(
            f"อ่านแม่แบบ {name} ไม่ได้ (ไฟล์เสียหรือไม่ใช่ไฟล์ Word .docx)",
            f"Cannot use template {name}: damaged or not a Word .docx file "
            f"({type(exc).__name__}: {exc})",
            where=str(template)).with_traceback(sys.exc_info()[2]) from exc
    if images:
        from docx.shared import Mm
        from docxtpl import InlineImage

        context = {**context, **{tag: InlineImage(doc, str(path), height=Mm(EMBLEM_HEIGHT_MM))
                                 for tag, path in images.items()}}
    env = _environment()
    properties = _take_properties(doc.docx)
    try:
        doc.render(context, jinja_env=env, autoescape=True)
    except Exception as exc:
        raise _template_error(name, exc, env, doc, context) from exc
    _fill_properties(doc.docx, name, properties, context)
    _page_number_digits(doc.docx, bool(context.get("thai_digits")))
    # Column widths that follow the content, titles broken evenly (Word and PDF alike).
    from .typeset import typeset
    typeset(doc.docx)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# The text properties docxtpl fills (File › Info › Properties in Word).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _take_properties(docx: Any) -> dict[str, str]:
    """Take the document properties out of docxtpl's hands: it fills them with the XML
    environment (an agency "ก & ข" would become "ก &amp; ข" in the PDF's title) and fails on a
    value over 255 characters."""
    props = docx.core_properties
    taken = {}
    for prop in _PROPERTIES:
        taken[prop] = getattr(props, prop) or ""
        setattr(props, prop, "")
    return taken


def _fill_properties(docx: Any, name: str, properties: dict[str, str],
                     context: dict[str, Any]) -> None:
    """Fill the tags of the template's properties; plain text, so no escaping.  The Title
    (``บันทึกข้อความ … {{ agency }} …``) becomes the PDF's metadata title."""
    props = docx.core_properties
    env = _Environment(undefined=StrictUndefined)
    for prop, text in properties.items():
        if "{" in text:
            try:
                text = env.from_string(text).render(context)
            except Exception as exc:
                raise _template_error(name, exc, env, None, context) from exc
        setattr(props, prop, _clip(text, PROPERTY_MAX))


#: python-docx refuses core properties longer than this.
PROPERTY_MAX = 255


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with "…", never between a letter and its marks."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and unicodedata.category(text[cut]).startswith("M"):
        cut -= 1  # a Thai vowel or tone mark belongs to the letter before it
    return text[:cut].rstrip() + "…"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Page-number formats that are plain digits, per digit setting (ST_NumberFormat).
_PAGE_DIGITS = {True: "thaiNumbers", False: "decimal"}
# Schema order in sectPr: … pgSz, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, then these.
_AFTER_PGNUMTYPE = frozenset(_W + t for t in (
    "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
    "docGrid", "printerSettings", "sectPrChange"))


def _page_number_digits(docx: Any, thai: bool) -> None:
    """Page numbers in the digits of the workbook's setting.

    A PAGE field takes its digits from its section's ``w:pgNumType w:fmt``: Word prints ๒ for
    ``thaiNumbers``.  (LibreOffice 7.4 imports no Thai page-number format and prints 2 either
    way.)  Sections numbered some other way (roman, letters) are left as the template has them.
    """
    body = docx.element.body
    for sect in body.iter(_W + "sectPr"):
        pg = sect.find(_W + "pgNumType")
        current = pg.get(_W + "fmt", "decimal") if pg is not None else "decimal"
        if current not in _PAGE_DIGITS.values() or (pg is None and not thai):
            continue
        if pg is None:
            pg = sect.makeelement(_W + "pgNumType", {})
            anchor = next((child for child in sect if child.tag in _AFTER_PGNUMTYPE), None)
            if anchor is None:
                sect.append(pg)
            else:
                anchor.addprevious(pg)
        if thai:
            pg.set(_W + "fmt", _PAGE_DIGITS[True])
        elif _W + "fmt" in pg.attrib:
            del pg.attrib[_W + "fmt"]


def _template_error(name: str, exc: BaseException, env: _Environment, doc: Any,
                    context: dict[str, Any]) -> TemplateError:
    """A clerk-readable error for a failure while filling template ``name``."""
    lineno = _template_lineno(exc)
    paragraph = _source_line(env, lineno)
    part = _part_label(doc)
    where = name + (f" › {part}" if part else "")
    if paragraph:
        where += f" › “{paragraph}”"
    message = getattr(exc, "message", None) or str(exc)
    known = ", ".join(sorted(context))
    if isinstance(exc, SecurityError) or "unsafe" in message:
        return TemplateError(
            f"แม่แบบ {name} มีแท็กที่พยายามเข้าถึงส่วนภายในของโปรแกรม ซึ่งไม่อนุญาต: {message}",
            f"Template {name} has a tag that tries to reach program internals, which the "
            f"sandbox refuses: {message}",
            where=where,
            hint_th="ใช้ได้เฉพาะช่องข้อมูลในรายการ templates/README.md เช่น {{ agency }}",
            hint_en="Use only the fields listed in templates/README.md, e.g. {{ agency }}.")
    if isinstance(exc, UndefinedError):
        m = _UNDEFINED_NAME.match(message) or _UNDEFINED_ATTR.search(message)
        field_name = m.group(1) if m else message
        return TemplateError(
            f"แม่แบบ {name} ใช้ช่องข้อมูล “{field_name}” ซึ่งไม่มีอยู่ ({message})",
            f"Template {name} uses the field “{field_name}”, which does not exist ({message}). "
            f"Known fields: {known}",
            where=where,
            hint_th=f"ช่องข้อมูลที่ใช้ได้: {known} (ดู templates/README.md)",
            hint_en="Fix the tag's spelling in Word; templates/README.md lists every field.")
    if isinstance(exc, TemplateSyntaxError):
        tag = _faulty_tag(paragraph)
        if message.startswith("Unexpected end of template"):  # a block never closed: show it
            opened = _unclosed_block(env.last_source)
            if opened:
                tag, lineno = opened
                paragraph = _source_line(env, lineno)
                where = name + (f" › {part}" if part else "") + \
                    (f" › “{paragraph}”" if paragraph else "")
        tag_th = f"แท็ก {tag} " if tag else "แท็ก"
        tag_en = f" the tag {tag}" if tag else " a tag"
        return TemplateError(
            f"แม่แบบ {name} มี{tag_th}ที่เขียนผิดรูปแบบ: {message}",
            f"Template {name} has{tag_en} that is not valid: {message}",
            where=where,
            hint_th="แท็กต้องเป็น {{ ชื่อช่อง }} หรือ {% ... %} ที่เปิดและปิดครบ (เช่น {% for %} … "
                    "{% endfor %}) ดู templates/README.md",
            hint_en="A tag is {{ field }} or a {% ... %} block that is opened and closed "
                    "(e.g. {% for %} … {% endfor %}); see templates/README.md.")
    kind = "Jinja" if isinstance(exc, JinjaTemplateError) else type(exc).__name__
    return TemplateError(
        f"เติมข้อมูลลงแม่แบบ {name} ไม่สำเร็จ: แท็กในแม่แบบทำงานผิดพลาด ({kind}: {message})",
        f"Filling template {name} failed: a tag went wrong ({kind}: {message}).",
        where=where,
        hint_th="ตรวจแท็กในย่อหน้าที่ระบุ หรือใช้แม่แบบเดิมที่มากับโปรแกรม",
        hint_en="Check the tags of the paragraph shown, or use the bundled template.")


_TAG = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)|\{#.*?(?:#\}|$)|\{[^{%#].{0,40}?\}\}")


def _faulty_tag(paragraph: str) -> str:
    """A tag-looking piece of the paragraph (the first one), for the message."""
    m = _TAG.search(paragraph)
    return m.group(0)[:80] if m else ""


_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "raw", "autoescape", "block", "set",
           "trans"}


def _unclosed_block(source: str) -> tuple[str, int] | None:
    """The innermost ``{% for/if … %}`` of ``source`` that is never closed, and its line."""
    stack: list[tuple[str, str, int]] = []
    for m in _BLOCK_TAG.finditer(source):
        word, rest = m.group(1), m.group(2)
        if word == "set" and "=" in rest:
            continue  # {% set x = … %} is not a block
        if word in _BLOCKS:
            stack.append((word, _XML_TAG.sub("", m.group(0)), source.count("\n", 0, m.start()) + 1))
        elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
            stack.pop()
    if not stack:
        return None
    _, tag, lineno = stack[-1]
    return html.unescape(tag)[:80], lineno
