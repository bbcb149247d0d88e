"""The agency types: one registry, from which everything that knows a type is derived.

The tracker's dropdown (``layout.LISTS["agency_type"]``, in this order), the address rules
(``address``: the parts of the line each type prints and the type an agency's name says), the
abbreviations ``init --type`` accepts (``ALIASES``) and the kinds of local government whose
agency name follows the kind, so the checks can find another agency named in a text (ITA511,
``KINDS_NAMED_AFTER``), all come from :data:`TYPES`.  Adding a type is adding one entry here
(``tests/test_agencies.py`` checks that it appears everywhere).

Each type has the address parts it really has: a เทศบาล or อบต. lies in an อำเภอ of a จังหวัด;
an องค์การบริหารส่วนจังหวัด is the province itself (no อำเภอ); Bangkok has เขต and is no จังหวัด;
a central government office needs neither.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgencyType:
    name: str
    district_word: str | None  # "อำเภอ" / "เขต"; None when the type has no such part
    district_required: bool
    province_word: str | None  # "จังหวัด"; None for Bangkok's own line and central offices
    province_required: bool
    fixed: str = ""  # text that always ends the line (Bangkok: กรุงเทพมหานคร)
    local: bool = True  # a local government (องค์กรปกครองส่วนท้องถิ่น), as the report says
    abbreviations: tuple[str, ...] = ()  # what clerks type for the name (init --type อบต.)
    name_says_type: bool = False  # an agency whose name starts with this name is of this type
    markers: tuple[str, ...] = ()  # other words in an agency's name that say the type
    named_after: bool = False  # its agencies are called "<type><own name>" (เทศบาลตำบลเมืองหงส์)


#: In the order of the tracker's dropdown.
TYPES: dict[str, AgencyType] = {t.name: t for t in (
    AgencyType("เทศบาลนคร", "อำเภอ", True, "จังหวัด", True, name_says_type=True,
               named_after=True),
    AgencyType("เทศบาลเมือง", "อำเภอ", True, "จังหวัด", True, name_says_type=True,
               named_after=True),
    AgencyType("เทศบาลตำบล", "อำเภอ", True, "จังหวัด", True, name_says_type=True,
               named_after=True),
    AgencyType("องค์การบริหารส่วนตำบล", "อำเภอ", True, "จังหวัด", True,
               abbreviations=("อบต.", "อบต"), name_says_type=True, named_after=True),
    AgencyType("องค์การบริหารส่วนจังหวัด", None, False, "จังหวัด", True,
               abbreviations=("อบจ.", "อบจ"), name_says_type=True, named_after=True),
    AgencyType("เมืองพัทยา", "อำเภอ", False, "จังหวัด", True, name_says_type=True),
    AgencyType("กรุงเทพมหานคร", "เขต", False, None, False, fixed="กรุงเทพมหานคร",
               abbreviations=("กทม.", "กทม"), name_says_type=True, markers=("สำนักงานเขต",)),
    AgencyType("ส่วนราชการส่วนกลาง", None, False, "จังหวัด", False, local=False),
    AgencyType("ส่วนราชการส่วนภูมิภาค", "อำเภอ", False, "จังหวัด", True, local=False),
)}

#: Without a type and without a telling name: the parts the first trackers always had.
DEFAULT = TYPES["เทศบาลตำบล"]

#: What ``init --type`` accepts besides the names: abbreviation → name.
ALIASES: dict[str, str] = {a: t.name for t in TYPES.values() for a in t.abbreviations}

#: Kinds of local government whose agency's name follows the kind ("เทศบาลตำบล" + "เมืองหงส์").
KINDS_NAMED_AFTER: tuple[str, ...] = tuple(t.name for t in TYPES.values() if t.named_after)


def from_text(text: str) -> AgencyType | None:
    """The type a clerk named: its name or an abbreviation (outer spaces ignored)."""
    text = text.strip()
    return TYPES.get(ALIASES.get(text, text))
