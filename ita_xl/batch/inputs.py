"""The workbooks of a batch: folders, globs and files → a stable list of workbooks, and a
problem (Thai, then English) for each input that gives none."""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
LOCK_PREFIX = "~$"  # Excel's owner file beside an open workbook


def _is_workbook_name(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(LOCK_PREFIX)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def find_workbooks(inputs: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand ``inputs``; return (workbooks in a stable order, [(input, problem)]).

    A folder gives the workbooks directly inside it (sorted by name); a glob (``*``, ``?``,
    ``[…]``, ``**`` for sub-folders; expanded here too, as Windows shells do not) gives its
    matches; a file is taken as it is.  Duplicates are dropped; an input that matches nothing
    is returned as a problem.
    """
    found: list[Path] = []
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in inputs:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            items = sorted((p for p in path.iterdir() if p.is_file() and _is_workbook_name(p)),
                           key=lambda p: p.name)
            if not items:
                problems.append((text, _empty_folder_problem(path)))
            for p in items:
                add(p)
        elif path.exists():
            add(path)
        elif _has_magic(text):
            items = sorted(Path(p) for p in glob.glob(text, recursive=True))
            items = [p for p in items if p.is_file() and _is_workbook_name(p)]
            if not items:
                problems.append((text, "ไม่มีสมุดงานที่ตรงกับรูปแบบนี้ / no workbook matches "
                                       "this pattern"))
            for p in items:
                add(p)
        else:
            problems.append((text, "ไม่พบไฟล์หรือโฟลเดอร์ / file or folder not found"))
    return found, problems


def _empty_folder_problem(path: Path) -> str:
    """Why a folder gave no workbook; for a folder of district folders, the glob that would."""
    subdirs = [p for p in path.iterdir() if p.is_dir()]
    nested = any(_is_workbook_name(p) for d in subdirs for p in d.rglob("*")
                 if p.is_file()) if subdirs else False
    if nested:
        pattern = str(path / "**" / "*.xlsm")
        return ("ไม่มีสมุดงานในโฟลเดอร์นี้โดยตรง แต่มีในโฟลเดอร์ย่อย ใช้รูปแบบ "
                f"\"{pattern}\" (ใส่เครื่องหมายคำพูด) เพื่อรวมทุกโฟลเดอร์ย่อย / "
                "no workbook directly in this folder, but its sub-folders have some: "
                f"use the pattern \"{pattern}\" (in quotes) to take every sub-folder")
    return "ไม่มีสมุดงาน .xlsx/.xlsm ในโฟลเดอร์นี้ / no .xlsx/.xlsm workbook in this folder"
