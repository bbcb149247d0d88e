"""The finished tracker: layout and data (``workbook.py``), then the Excel side added last.

The Excel side (VBA project and ribbon) is added by zip post-processing; nothing may re-save the
result with openpyxl or LibreOffice, which would drop the ribbon.
"""
from __future__ import annotations

import io

from .. import resources
from .excel_parts import add_excel_parts
from .workbook import build_tracker, load_data
from .zipdet import read_members, write_members

XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def macro_enabled(xlsx: bytes) -> bytes:
    """Mark the package as an .xlsm: Excel refuses an .xlsm whose workbook part says .xlsx."""
    members = [(name, blob.replace(XLSX_MAIN, XLSM_MAIN) if name == "[Content_Types].xml" else blob)
               for name, blob in read_members(xlsx)]
    out = io.BytesIO()
    write_members(out, members)
    return out.getvalue()


def tracker_bytes(data: dict | None = None) -> bytes:
    """A complete ``.xlsm`` tracker: ``data`` filled in, or empty for a new agency.

    The Excel side (VBA project, ribbon) is added last, by zip post-processing (excel_parts).
    """
    return add_excel_parts(macro_enabled(build_tracker(data)))


class AgencyTypeError(ValueError):
    """``init --type`` names no known kind of agency."""


# Kinds of local government ``init --type`` knows: (full prefix of the name, the head's title
# prefix, the owning office).  The head's title follows the name: เทศบาลตำบลเมืองหงส์ →
# นายกเทศมนตรีตำบลเมืองหงส์ (as in the seed); the chain ends with the head, after the ปลัด.
AGENCY_TYPES: dict[str, tuple[str, str, str]] = {
    "เทศบาลตำบล": ("เทศบาลตำบล", "นายกเทศมนตรีตำบล", "สำนักปลัดเทศบาล"),
    "เทศบาลเมือง": ("เทศบาลเมือง", "นายกเทศมนตรีเมือง", "สำนักปลัดเทศบาล"),
    "เทศบาลนคร": ("เทศบาลนคร", "นายกเทศมนตรีนคร", "สำนักปลัดเทศบาล"),
    "อบต.": ("องค์การบริหารส่วนตำบล", "นายกองค์การบริหารส่วนตำบล", "สำนักปลัด"),
    "อบจ.": ("องค์การบริหารส่วนจังหวัด", "นายกองค์การบริหารส่วนจังหวัด", "สำนักปลัด"),
    "เมืองพัทยา": ("เมืองพัทยา", "นายกเมืองพัทยา", "สำนักปลัดเมืองพัทยา"),
}
_ALIASES = {"อบต": "อบต.", "อบจ": "อบจ.", "องค์การบริหารส่วนตำบล": "อบต.",
            "องค์การบริหารส่วนจังหวัด": "อบจ."}


def agency_type(kind: str | None, agency: str | None) -> str | None:
    """The key of AGENCY_TYPES for ``--type`` (or, without it, from the agency's name)."""
    if kind:
        key = _ALIASES.get(kind.strip(), kind.strip())
        if key not in AGENCY_TYPES:
            raise AgencyTypeError(
                f"ไม่รู้จักประเภทหน่วยงาน {kind} ใช้ได้: {', '.join(AGENCY_TYPES)} / "
                f"unknown agency type {kind}; use one of: {', '.join(AGENCY_TYPES)}")
        return key
    if agency:  # longest prefix first: เทศบาลตำบล before เทศบาล…
        for key, (prefix, _, _) in sorted(AGENCY_TYPES.items(), key=lambda kv: -len(kv[1][0])):
            if agency.strip().startswith(prefix):
                return key
    return None


def starter_data(*, agency: str | None = None, year: int | None = None,
                 round_label: str | None = None, kind: str | None = None) -> dict:
    """What every agency's new tracker starts with: the NACC's ten indicators (number, name,
    group) and the pass mark of the bundled example's year, and Thai digits.  Nothing about
    the example agency itself; the clerk checks the indicator list against the year's manual.

    ``init --agency --year --round --type`` fill what follows from them: the agency's full name
    (the type's prefix added when the name lacks it), the fiscal year and round, the addressee
    (the head of the agency), the owning office, and the chain's positions (ปลัด, then the
    head); names and everything else stay blank for the clerk.
    """
    example = load_data(resources.example_data())
    keep = ("number", "name", "group")
    settings: dict = {"pass_mark": example["settings"]["pass_mark"], "digits": "เลขไทย"}
    data: dict = {
        "settings": settings,
        "Indicators": [{k: row[k] for k in keep if k in row} for row in example["Indicators"]],
    }
    if year is not None:
        settings["fiscal_year"] = year
    if round_label:
        settings["round"] = round_label
    key = agency_type(kind, agency)
    if agency:
        name = agency.strip()
        if key is not None and not name.startswith(AGENCY_TYPES[key][0]):
            name = AGENCY_TYPES[key][0] + name
        settings["agency"] = name
        if key is not None:
            prefix, head, office = AGENCY_TYPES[key]
            place = name[len(prefix):]
            head_title = head + place if key != "เมืองพัทยา" else head
            clerk_head = ("ปลัด" + name) if key != "เมืองพัทยา" else "ปลัดเมืองพัทยา"
            settings.update(addressee=head_title, office=office)
            if key.startswith("เทศบาล"):
                settings["preface_signer"] = "สำนักงาน" + name
            data["Chain"] = [{"position": clerk_head}, {"position": head_title}]
    return data


def example_tracker_bytes() -> bytes:
    return tracker_bytes(load_data(resources.example_data()))
