"""``ita_xl.agencies``: the agency types are one registry, and everything that knows a type is
derived from it — the tracker's dropdown, the address rules, ``init --type`` and its
abbreviations, the checks' kinds of local government (ITA511)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ita_xl import agencies, layout
from ita_xl.address import agency_type, address_line
from ita_xl.checks.rules import people

ROOT = Path(__file__).resolve().parents[1]

# A type the registry does not have (the sanitary districts before 1999), added to a copy of the
# registry's source in a fresh interpreter before anything else of ita_xl is imported.
NEW_ENTRY = ('    AgencyType("สุขาภิบาล", "อำเภอ", True, "จังหวัด", True, abbreviations=("สภ.",), '
             'name_says_type=True, named_after=True),\n')
PROBE = r'''
import importlib.util, json, sys, tempfile
from pathlib import Path
import ita_xl

source = Path(ita_xl.__file__).with_name("agencies.py").read_text(encoding="utf-8")
anchor = '    AgencyType("ส่วนราชการส่วนภูมิภาค"'
assert source.count(anchor) == 1
source = source.replace(anchor, sys.argv[1] + anchor)
spec = importlib.util.spec_from_loader("ita_xl.agencies", loader=None)
module = importlib.util.module_from_spec(spec)
sys.modules["ita_xl.agencies"] = ita_xl.agencies = module
exec(compile(source, "agencies.py", "exec"), module.__dict__)

from click.testing import CliRunner
from openpyxl import load_workbook
from ita_xl import layout
from ita_xl.address import address_line, agency_type
from ita_xl.checks import run_checks
from ita_xl.cli import main
from ita_xl.model import Loc, Tracker
from ita_xl.reader import read_tracker, settings_from_values

out = {}
kind = agency_type(None, "สุขาภิบาลบ้านนา")
out["type_from_name"] = kind.name
out["address"] = address_line(kind, "เมือง", "ลำปาง")
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "new.xlsm"
    result = CliRunner().invoke(main, ["init", str(path), "--type", "สภ."])
    out["init_exit"] = result.exit_code
    out["init_type"] = read_tracker(path).settings.agency_type
    wb = load_workbook(path)
    sheet, ref = next(iter(wb.defined_names["list_agency_type"].destinations))
    out["dropdown"] = [c.value for row in wb[sheet][ref.replace("$", "")] for c in row if c.value]
settings = settings_from_values(
    {"agency": "สุขาภิบาลบ้านนา", "preface": "สุขาภิบาลเมืองเก่า ได้จัดทำรายงานฉบับนี้"},
    {"agency": Loc("ตั้งค่า", "B2"), "preface": Loc("ตั้งค่า", "B20")})
out["ita511"] = [f.message_en for f in run_checks(Tracker(settings=settings)) if f.code == "ITA511"]
print(json.dumps(out, ensure_ascii=False))
'''


def test_a_new_registry_entry_appears_everywhere():
    proc = subprocess.run([sys.executable, "-c", PROBE, NEW_ENTRY], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["type_from_name"] == "สุขาภิบาล"  # the address rules know its name
    assert out["address"] == "อำเภอเมือง จังหวัดลำปาง"
    assert out["init_exit"] == 0 and out["init_type"] == "สุขาภิบาล"  # --type and its abbreviation
    assert "สุขาภิบาล" in out["dropdown"]  # the new tracker's dropdown list
    assert out["dropdown"].index("สุขาภิบาล") == out["dropdown"].index("ส่วนราชการส่วนภูมิภาค") - 1
    assert len(out["ita511"]) == 1 and "สุขาภิบาลเมืองเก่า" in out["ita511"][0]  # the checks' kinds


def test_every_home_of_a_type_is_derived_from_the_registry():
    names = tuple(agencies.TYPES)
    assert layout.LISTS["agency_type"][1] == names
    assert set(people.AGENCY_KINDS) <= set(names)
    assert {agencies.from_text(a).name for a in ("อบต.", "อบต", " อบจ. ", "กทม")} == {
        "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "กรุงเทพมหานคร"}
    assert agencies.from_text("เทศบาลหมู่บ้าน") is None


def test_the_address_rules_of_the_registry():
    assert address_line(agency_type("องค์การบริหารส่วนจังหวัด", ""), "เมือง", "นครสวรรค์") == \
        "จังหวัดนครสวรรค์"
    assert address_line(agency_type(None, "สำนักงานเขตบางรัก"), "บางรัก", "") == \
        "เขตบางรัก กรุงเทพมหานคร"
    assert agency_type(None, "องค์การบริหารส่วนตำบลหนองบัว").name == "องค์การบริหารส่วนตำบล"
    assert agency_type(None, "หน่วยงานอื่น") is agencies.DEFAULT
