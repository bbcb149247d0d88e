"""Reusable test helpers: the example data (as shipped and with the seed's mistakes corrected),
writing a data dict into a tracker through table and header names, running the CLI.

Cell edits themselves live in ``wbedit`` (table name + header text, never fixed coordinates).
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from .wbedit import open_copy, set_name, set_rows

from ita_xl import layout, resources
from ita_xl.xlsm.workbook import load_data


def example_data() -> dict[str, Any]:
    """A fresh copy of workbook/src/example.toml (the seed's data, mistakes included)."""
    return copy.deepcopy(load_data(resources.example_data()))


def corrected_example_data() -> dict[str, Any]:
    """The example with the seed's mistakes corrected: what a careful clerk would have typed.

    Corrected: measures spelled as in the plan, stray spaces from the PDF copy, the row whose
    output held the office and whose outcome held the monitoring text, outcomes that repeated
    the monitoring text, "เช่น เช่น", and the preface dated after the memo.
    """
    data = example_data()
    s = data["settings"]
    s["preface_date"] = dt.date(2022, 3, 1)
    s["preface"] = s["preface"].replace("สำนักงานเทศบาล ตำบลเมืองหงส์", "สำนักงานเทศบาลตำบลเมืองหงส์")
    plan = data["Plan"]
    plan[1]["steps"] = (
        "๑. ผู้รับผิดชอบ ดำเนินการจัดทำมาตรการตรวจสอบการใช้ดุลพินิจ\n"
        "๒. ผู้บริหาร ประกาศหลักเกณฑ์ หรือมาตรการ เพื่อให้ เจ้าหน้าที่ และ บุคคลภายนอก รับทราบ\n"
        "๓. ผู้รับผิดชอบ ดำเนินการเผยแพร่มาตรการตรวจสอบการใช้ดุลพินิจ บนเว็บไซต์หลักของหน่วยงาน")
    plan[1]["monitoring"] = "รายงานผลการดำเนินงานตามมาตรการ\n- รอบ ๖ เดือน\n- รอบ ๑๒ เดือน"
    plan[2]["steps"] = plan[2]["steps"].replace("หลากหลายเช่น เช่น", "หลากหลาย เช่น")
    results = data["Results"]
    results[0]["output"] = "คู่มือการดำเนินงานของหน่วยงานและคำสั่งมอบหมายหน้าที่"
    results[0]["outcome"] = "เจ้าหน้าที่เข้าใจและปฏิบัติงานตามคู่มือได้ถูกต้อง"
    results[2]["measure"] = plan[2]["measure"]
    results[2]["details"] = (
        "- จัดทำมาตรการเผยแพร่ข้อมูลต่อสาธารณะ (เผยแพร่ข้อมูลสู่สาธารณชนบนเว็บไซต์หลักของหน่วยงาน "
        "เมื่อวันที่ ๑ กุมภาพันธ์ ๒๕๖๕)\n- เผยแพร่ข้อมูลที่ถูกต้อง รวดเร็ว ทันต่อสถานการณ์ต่อสาธารณะ")
    results[2]["output"] = plan[2]["measure"]
    results[2]["outcome"] = "ประชาชนเข้าถึงข้อมูลข่าวสารของหน่วยงานได้สะดวกและรวดเร็ว"
    results[3]["measure"] = plan[3]["measure"]
    results[3]["details"] = ("มีประกาศเจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริตอย่างมีคุณธรรมและ"
                             "โปร่งใส ของผู้บริหารเทศบาลตำบลเมืองหงส์")
    results[3]["output"] = plan[3]["measure"]
    results[3]["outcome"] = "ผู้บริหารแสดงเจตจำนงต่อสาธารณะ และบุคลากรรับทราบแนวทางการบริหารงาน"
    return data


def headers_of(table: str) -> dict[str, str]:
    """field -> header text of a table in a fresh tracker."""
    return {c.field: c.header for c in layout.TABLES_BY_NAME[table].columns}


def table_rows(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """The rows of ``table`` in ``data`` keyed by header text (for ``wbedit.set_rows``)."""
    heads = headers_of(table)
    return [{heads[k]: _cell(v) for k, v in row.items()} for row in data.get(table, [])]


def write_data(wb, data: dict[str, Any]) -> None:
    """Write every setting and table of ``data`` into an open tracker ``wb``."""
    for spec in layout.SETTINGS:
        set_name(wb, spec.name, _cell(data.get("settings", {}).get(spec.field)))
    for spec in layout.TABLES:
        set_rows(wb, spec.name, table_rows(data, spec.name))


def save_copy(src: Path, dst: Path, edit=None) -> Path:
    """Open ``src``, apply ``edit(wb)`` and save as ``dst`` (keeping VBA for .xlsm)."""
    wb = open_copy(src)
    if edit is not None:
        edit(wb)
    wb.save(dst)
    return dst


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def run_cli(*args: str) -> Any:
    """``ita-xl ARGS`` in-process; the click Result (stdout, stderr, output, exit_code)."""
    from ita_xl.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check_json(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """(exit code, findings) of ``ita-xl check PATH --format json``."""
    result = run_cli("check", str(path), "--format", "json", *extra)
    return result.exit_code, (json.loads(result.stdout) if result.stdout.strip() else [])


def check_text(path: Path, *extra: str) -> tuple[int, str]:
    """(exit code, report) of ``ita-xl check PATH``."""
    result = run_cli("check", str(path), *extra)
    return result.exit_code, result.stdout
