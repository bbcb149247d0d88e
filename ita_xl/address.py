"""Agency types and the address line the documents print under the agency's name.

Each type has the address parts it really has: a เทศบาล or อบต. lies in an อำเภอ of a จังหวัด;
an องค์การบริหารส่วนจังหวัด is the province itself (no อำเภอ); Bangkok has เขต and is no จังหวัด;
a central government office needs neither.  The line is built from the parts that exist and
are filled, so no document prints "อำเภอ" or "เขต" without a name after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .thai import normalise_compact


@dataclass(frozen=True)
class AgencyType:
    name: str
    district_word: str | None  # "อำเภอ" / "เขต"; None when the type has no such part
    district_required: bool
    province_word: str | None  # "จังหวัด"; None for Bangkok's own line and central offices
    province_required: bool
    fixed: str = ""  # text that always ends the line (Bangkok: กรุงเทพมหานคร)
    local: bool = True  # a local government (องค์กรปกครองส่วนท้องถิ่น), as the report says


TYPES: dict[str, AgencyType] = {t.name: t for t in (
    AgencyType("เทศบาลนคร", "อำเภอ", True, "จังหวัด", True),
    AgencyType("เทศบาลเมือง", "อำเภอ", True, "จังหวัด", True),
    AgencyType("เทศบาลตำบล", "อำเภอ", True, "จังหวัด", True),
    AgencyType("องค์การบริหารส่วนตำบล", "อำเภอ", True, "จังหวัด", True),
    AgencyType("องค์การบริหารส่วนจังหวัด", None, False, "จังหวัด", True),
    AgencyType("เมืองพัทยา", "อำเภอ", False, "จังหวัด", True),
    AgencyType("กรุงเทพมหานคร", "เขต", False, None, False, fixed="กรุงเทพมหานคร"),
    AgencyType("ส่วนราชการส่วนกลาง", None, False, "จังหวัด", False, local=False),
    AgencyType("ส่วนราชการส่วนภูมิภาค", "อำเภอ", False, "จังหวัด", True, local=False),
)}

# Names that say the type (longest first, so "เทศบาลตำบล" wins over a shorter prefix).
_NAME_PREFIXES = ("องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนตำบล", "เทศบาลนคร", "เทศบาลเมือง",
                  "เทศบาลตำบล", "เมืองพัทยา", "กรุงเทพมหานคร")

# Without a type and without a telling name: the parts the first trackers always had.
DEFAULT = TYPES["เทศบาลตำบล"]


def agency_type(type_value: Any, agency: Any) -> AgencyType:
    """The chosen type; else the one the agency's name starts with; else the default."""
    if isinstance(type_value, str) and type_value.strip() in TYPES:
        return TYPES[type_value.strip()]
    name = normalise_compact(agency) if isinstance(agency, str) else ""
    for prefix in _NAME_PREFIXES:
        if name.startswith(prefix) or ("สำนักงานเขต" in name and prefix == "กรุงเทพมหานคร"):
            return TYPES[prefix]
    return DEFAULT


def _filled(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def address_line(kind: AgencyType, district: Any, province: Any, agency: Any = None) -> str:
    """``อำเภอจตุรพักตรพิมาน จังหวัดร้อยเอ็ด``, ``เขตบางรัก กรุงเทพมหานคร``.

    A part the agency's own name already says is left out, so nothing is named twice:
    องค์การบริหารส่วนจังหวัดนครสวรรค์ gets no "จังหวัดนครสวรรค์" (its line is empty),
    สำนักงานเขตบางรัก no "เขตบางรัก" (its line is ``กรุงเทพมหานคร``)."""
    parts = []
    d, p = _filled(district), _filled(province)
    if kind.district_word and d:
        parts.append(f"{kind.district_word}{d}")
    if kind.province_word and p:
        parts.append(f"{kind.province_word}{p}")
    if kind.fixed:
        parts.append(kind.fixed)
    name = normalise_compact(agency) if isinstance(agency, str) else ""
    if name:
        parts = [part for part in parts if normalise_compact(part) not in name]
    return " ".join(parts)
