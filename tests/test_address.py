"""address: the agency type (chosen, else told by the name) and the address line each type
prints: only the parts it has, and never a word such as "อำเภอ" without a name after it."""
from __future__ import annotations

import pytest

from ita_xl import layout
from ita_xl.address import DEFAULT, TYPES, address_line, agency_type


@pytest.mark.parametrize("kind, district, province, line", [
    ("เทศบาลตำบล", "จตุรพักตรพิมาน", "ร้อยเอ็ด", "อำเภอจตุรพักตรพิมาน จังหวัดร้อยเอ็ด"),
    ("องค์การบริหารส่วนตำบล", " เมือง ", " ขอนแก่น ", "อำเภอเมือง จังหวัดขอนแก่น"),
    ("องค์การบริหารส่วนจังหวัด", "เมือง", "นครสวรรค์", "จังหวัดนครสวรรค์"),  # no อำเภอ part
    ("กรุงเทพมหานคร", "บางรัก", "กรุงเทพ", "เขตบางรัก กรุงเทพมหานคร"),  # no จังหวัด
    ("กรุงเทพมหานคร", None, None, "กรุงเทพมหานคร"),
    ("เทศบาลนคร", "", "เชียงใหม่", "จังหวัดเชียงใหม่"),  # a blank part: no bare "อำเภอ"
    ("ส่วนราชการส่วนกลาง", None, None, ""),
    ("เมืองพัทยา", "บางละมุง", "ชลบุรี", "อำเภอบางละมุง จังหวัดชลบุรี"),
])
def test_the_line_holds_only_the_parts_the_type_has_and_that_are_filled(kind, district,
                                                                     province, line):
    assert address_line(TYPES[kind], district, province) == line


def test_a_chosen_type_wins_over_the_name():
    assert agency_type(" องค์การบริหารส่วนจังหวัด ", "เทศบาลตำบลเมืองหงส์").name == \
        "องค์การบริหารส่วนจังหวัด"


@pytest.mark.parametrize("name, kind", [
    ("องค์การบริหารส่วนจังหวัดนครสวรรค์", "องค์การบริหารส่วนจังหวัด"),
    ("องค์การบริหารส่วนตำบลบ้านใหม่", "องค์การบริหารส่วนตำบล"),
    ("เทศบาลเมือง ร้อยเอ็ด", "เทศบาลเมือง"),  # spaces do not hide the type
    ("เทศบาลนครขอนแก่น", "เทศบาลนคร"),
    ("สำนักงานเขตบางรัก", "กรุงเทพมหานคร"),
    ("โรงเรียนบ้านหนองบัว", DEFAULT.name),  # no telling name: the default
    (None, DEFAULT.name),
])
def test_without_a_type_the_name_tells_it(name, kind):
    assert agency_type(None, name).name == kind
    assert agency_type("ประเภทที่ไม่มี", name).name == kind  # an unknown type: as if blank


def test_only_local_governments_are_called_local_and_the_dropdown_lists_every_type():
    assert {t.name for t in TYPES.values() if not t.local} == {"ส่วนราชการส่วนกลาง",
                                                                 "ส่วนราชการส่วนภูมิภาค"}
    assert set(layout.LISTS["agency_type"][1]) == set(TYPES)
