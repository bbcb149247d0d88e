"""Fill a docxtpl template with a context and return the .docx bytes.

Templates are rendered in a Jinja2 *sandbox* with ``autoescape=True``: a cell holding ``&``, ``<``
or ``{{ x }}`` is data and prints as typed, and a template edited by a clerk cannot reach Python
objects.  ``StrictUndefined`` turns a misspelt tag into an error that names the template, the
tag and the tags that exist, instead of a silent blank in a published document.
"""
from __future__ import annotations

import functools
import io
import os
import sys
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .errors import TemplateError

TEMPLATE_NAMES = ("memo.docx", "report.docx")


def templates_dir() -> Path:
    """Where the templates are: $ITA_XL_TEMPLATES, else the repository's ``templates/``."""
    env = os.environ.get("ITA_XL_TEMPLATES")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "templates", here / "_templates"):
        if (candidate / "memo.docx").exists():
            return candidate
    return here.parent / "templates"


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined,
                                keep_trailing_newline=True)


@functools.lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def render(template: Path, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context``; raise TemplateError with a Thai+English message."""
    from docxtpl import DocxTemplate

    name = template.name
    try:
        # Cached by path and mtime: a batch renders the same template thousands of times.
        blob = _template_bytes(template, template.stat().st_mtime_ns)
        doc = DocxTemplate(io.BytesIO(blob))
        doc.render(context, jinja_env=_environment(), autoescape=True)
    except FileNotFoundError as exc:
        raise TemplateError(f"ไม่พบแม่แบบเอกสาร {name}", f"Template not found: {template}",
                            where=str(template)) from exc
    except UndefinedError as exc:
        known = ", ".join(sorted(context))
        raise TemplateError(
            f"แม่แบบ {name} มีช่องข้อมูลที่ไม่รู้จัก: {exc.message}",
            f"Template {name} uses an unknown field: {exc.message}. Known fields: {known}",
            where=name,
            hint_th=f"ช่องข้อมูลที่ใช้ได้: {known} (ดู templates/README.md)",
        ) from exc
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"แม่แบบ {name} มีแท็กที่เขียนผิดรูปแบบ: {exc.message}",
            f"Template {name} has a malformed tag: {exc.message}",
            where=f"{name}, tag line {exc.lineno}") from exc
    except Exception as exc:  # zip/XML damage in a template a clerk saved
        if isinstance(exc, TemplateError):
            raise
        raise TemplateError(
            f"อ่านแม่แบบ {name} ไม่ได้ (ไฟล์เสียหรือไม่ใช่ไฟล์ Word)",
            f"Cannot use template {name}: {type(exc).__name__}: {exc}",
            where=str(template)).with_traceback(sys.exc_info()[2]) from exc
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
