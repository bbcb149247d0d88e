"""The Python command line the ribbon's VBA (``RunEntry`` in ITA.bas) hands to RunPython."""
from __future__ import annotations

from ita_xl import excel


def vba_command(entry: str, *paths: str, result: str) -> str:
    """The Python command ITA.bas's RunEntry builds (same pieces, checked below)."""
    args = "".join(f"ita.unhex('{excel.to_hex(p)}'), " for p in paths)
    return f"import ita_xl.excel as ita; ita.{entry}({args}result=ita.unhex('{excel.to_hex(result)}'))"
