"""ita-xl: the ITA memo and report from one Excel workbook.

The library is the product; the CLI (``ita_xl.cli``), the Excel ribbon (``ita_xl.excel``) and
the xlwings functions (``ita_xl.udfs``) are thin layers over it:

    workbook ─► reader ─► model ─► checks ─► context/render ─► output (─► convert to PDF)
"""
__version__ = "0.1.0"
