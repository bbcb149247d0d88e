"""5xx: the people who sign, and the agency and year the documents name."""
from __future__ import annotations

import re

from ...address import agency_type
from ...agencies import KINDS_NAMED_AFTER
from ...thai import to_arabic_digits
from ..codes import ADDRESS_PART, CHAIN_LABEL, NAME_PARENS, OTHER_AGENCY, REQUIRED, SUBJECT_YEAR
from ..engine import Cell, CheckContext, rule
from ..thaitext import compact
from ._util import at, blank, fiscal_year, key, show

# Kinds of local government whose name follows the kind ("เทศบาลตำบล" + "เมืองหงส์").
AGENCY_KINDS = KINDS_NAMED_AFTER
_AGENCY = re.compile("|".join(AGENCY_KINDS))
# What may follow a kind without naming an agency: nothing (a generic position such as
# "ปลัดองค์การบริหารส่วนจังหวัด"), a space or punctuation ("พระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖",
# "…ส่วนตำบล พ.ศ. ๒๕๓๗"), or a word that continues a title ("และ", "ตาม", "ทุกแห่ง").
_GENERIC_AFTER = re.compile("(?:$|[\\s().,;:/\\-\u2013\u2014\\d\u0e50-\u0e59\"'\u201c\u201d]"
                            "|และ|หรือ|ตาม|ทุก|ทั่ว|ใน|ของ|ที่|ซึ่ง)")
_YEAR = re.compile(r"(?<!\d)(2[4-6]\d\d)(?!\d)")

NAME_FIELDS = {("settings", "writer_name"), ("settings", "preparer_name"), ("Chain", "name")}
# Settings whose text may name the agency (the agency setting itself is the reference).
AGENCY_TEXT_FIELDS = ("office", "subject", "addressee", "closing", "preface", "preface_signer",
                      "continuation", "writer_position", "preparer_position")


@rule(needs=("Chain",), codes=(CHAIN_LABEL.code,))
def chain_labels(ctx: CheckContext) -> None:
    for rec in ctx.records("Chain"):
        if blank(rec.label) or blank(rec.position):
            continue
        label, position = key(rec.label), key(rec.position)
        i = label.rfind("ความเห็นของ")
        if i < 0:
            continue
        whose = label[i + len("ความเห็นของ"):]
        if not whose or whose == position or position.startswith(whose) or whose.startswith(position):
            continue
        ctx.add(CHAIN_LABEL.code, rec.locs.get("label"),
                f"ข้อความนำ {show(rec.label)} ไม่ตรงกับตำแหน่ง {show(rec.position)} "
                f"({at(rec.locs.get('position'))})",
                f"The label {show(rec.label)} does not match the position {show(rec.position)} "
                f"({at(rec.locs.get('position'))}).",
                f"แก้เป็น “ทราบ/ความเห็นของ{rec.position}” หรือแก้ตำแหน่ง",
                "Make the label name this level's position, or correct the position.")


def _name_cells(ctx: CheckContext):
    for c in ctx.cells():
        if (c.table or "settings", c.field) in NAME_FIELDS:
            yield c


@rule(needs=(), codes=(NAME_PARENS.code,))
def names(ctx: CheckContext) -> None:
    for c in _name_cells(ctx):
        if isinstance(c.value, str) and (c.value.strip().startswith("(")
                                         or c.value.strip().endswith(")")):
            ctx.add(NAME_PARENS.code, c.loc,
                    f"ชื่อ {show(c.value)} มีวงเล็บอยู่แล้ว เอกสารใส่วงเล็บให้เอง จึงจะพิมพ์ซ้อนเป็น ((…))",
                    f"The name {show(c.value)} is typed in parentheses; the documents add them, so "
                    "they would print doubled.",
                    "ลบวงเล็บออก พิมพ์เฉพาะชื่อ-สกุล", "Remove the parentheses; type the name only.")


def _agency_cells(ctx: CheckContext):
    s = ctx.settings
    for field in AGENCY_TEXT_FIELDS:
        value = getattr(s, field)
        if isinstance(value, str):
            yield Cell(value, s.loc(field), "text", False, field)
    for rec in ctx.records("Chain"):
        for field in ("label", "position"):
            value = getattr(rec, field)
            if isinstance(value, str):
                yield Cell(value, rec.locs.get(field), "text", False, field, "Chain", rec)


@rule(needs=("settings",), codes=(OTHER_AGENCY.code,))
def other_agency(ctx: CheckContext) -> None:
    agency = ctx.settings.agency
    if blank(agency) or not isinstance(agency, str):
        return
    ours = key(agency)
    m = _AGENCY.search(ours)
    core = ours[m.start():] if m else ours
    for c in _agency_cells(ctx):
        text = compact(c.value)
        others = []
        for hit in _AGENCY.finditer(text.compact):
            if text.compact.startswith(core, hit.start()):
                continue
            start = text.position(hit.start())
            after = text.original[text.position(hit.end() - 1) + 1:]
            if _GENERIC_AFTER.match(after):
                continue  # a kind, not an agency's name: generic position or law title
            tail = re.split(r"\s", text.original[start:], maxsplit=1)[0]
            others.append(tail[:40])
        if others:
            named = ", ".join(f"“{o}”" for o in dict.fromkeys(others))
            ctx.add(OTHER_AGENCY.code, c.loc,
                    f"ข้อความระบุ {named} ซึ่งไม่ใช่ชื่อหน่วยงานในช่องตั้งค่า “{agency}” "
                    f"({at(ctx.settings.loc('agency'))})",
                    f"The text names {named}, not the agency of the settings “{agency}” "
                    f"({at(ctx.settings.loc('agency'))}); copied from another agency's file?",
                    f"แก้ชื่อหน่วยงานเป็น “{agency}”", f"Change the agency's name to “{agency}”.")


@rule(needs=("settings",), codes=(SUBJECT_YEAR.code,))
def subject_year(ctx: CheckContext) -> None:
    s = ctx.settings
    fy = fiscal_year(s.fiscal_year)
    if not isinstance(s.subject, str) or blank(s.subject) or fy is None:
        return  # a missing or implausible fiscal year is reported by ITA101/ITA103/ITA106
    years = _YEAR.findall(to_arabic_digits(s.subject))
    if str(fy) in years:
        return
    if years:
        th = f"เรื่อง {show(s.subject, 80)} ระบุปี {', '.join(dict.fromkeys(years))} ไม่ใช่ปีงบประมาณ {fy}"
        en = f"The subject names {', '.join(dict.fromkeys(years))}, not fiscal year {fy}."
    else:
        th = f"เรื่อง {show(s.subject, 80)} ไม่ได้ระบุปีงบประมาณ {fy}"
        en = f"The subject does not name fiscal year {fy}."
    ctx.add(SUBJECT_YEAR.code, s.loc("subject"), th, en,
            f"ระบุ “ประจำปีงบประมาณ พ.ศ. {fy}” ในเรื่อง",
            f"Add “ประจำปีงบประมาณ พ.ศ. {fy}” (fiscal year {fy}) to the subject.")


@rule(needs=("settings",), codes=(REQUIRED.code, ADDRESS_PART.code))
def address_parts(ctx: CheckContext) -> None:
    """อำเภอ and จังหวัด are required only for the agency types that have them."""
    s = ctx.settings
    kind = agency_type(s.agency_type, s.agency)
    for field, word, needed in (("district", kind.district_word, kind.district_required),
                                ("province", kind.province_word, kind.province_required)):
        value, loc = getattr(s, field), s.loc(field)
        if blank(value) and needed:
            ctx.add(REQUIRED.code, loc,
                    f"ยังไม่ได้กรอก “{word}” ซึ่ง{kind.name}ต้องมีในบรรทัดที่อยู่ของเอกสาร",
                    f"“{word}” ({field}) is empty; a {kind.name} needs it in the address line.",
                    "กรอกชื่อโดยไม่ต้องพิมพ์คำว่า อำเภอ/เขต/จังหวัด",
                    "Type the name without the word อำเภอ/เขต/จังหวัด.")
        elif not blank(value) and word is None:
            ctx.add(ADDRESS_PART.code, loc,
                    f"{kind.name}ไม่มี{'อำเภอ' if field == 'district' else 'จังหวัด'}ในบรรทัดที่อยู่ "
                    f"จึงจะไม่พิมพ์ {show(value)}",
                    f"A {kind.name} has no {field} in its address line; {show(value)} is not "
                    "printed.",
                    "ลบค่านี้ หรือแก้ประเภทหน่วยงาน", "Clear it, or correct the agency type.")
