"""An agency's type (chosen, or said by its name) and the address line the documents print under
the agency's name.

The types and the address parts each has are the registry's (``ita_xl.agencies``).  The line is
built from the parts that exist and are filled, so no document prints "อำเภอ" or "เขต" without a
name after it.
"""
from __future__ import annotations

from typing import Any

from .agencies import DEFAULT, TYPES, AgencyType
from .thai import normalise_compact

__all__ = ["DEFAULT", "TYPES", "AgencyType", "address_line", "agency_type"]


# Names that say the type, longest first (no type's name starts another's, but a new one might).
_NAME_PREFIXES = sorted((t for t in TYPES.values() if t.name_says_type),
                        key=lambda t: len(t.name), reverse=True)


def agency_type(type_value: Any, agency: Any) -> AgencyType:
    """The chosen type; else the one the agency's name starts with; else the default."""
    if isinstance(type_value, str) and type_value.strip() in TYPES:
        return TYPES[type_value.strip()]
    name = normalise_compact(agency) if isinstance(agency, str) else ""
    for kind in _NAME_PREFIXES:
        if name.startswith(kind.name):
            return kind
    for kind in TYPES.values():
        if any(marker in name for marker in kind.markers):
            return kind
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
