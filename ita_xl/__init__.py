"""ita-xl: the ITA memo and report from one Excel workbook.

The library is the product; the CLI (``ita_xl.cli``), the Excel ribbon (``ita_xl.excel``) and
the xlwings functions (``ita_xl.udfs``) are thin layers over it:

    workbook ─► reader ─► model ─► checks ─► context/render ─► output (─► convert to PDF)
"""
import sys as _sys

__version__ = "0.1.0"


class _OpenpyxlWithoutNumpy:
    """openpyxl imports numpy, when it is installed, only to count numpy's number types as
    numbers when *writing* cells (``openpyxl.compat.numbers``).  ita-xl never hands openpyxl a
    numpy value, and numpy's import (with its BLAS threads) costs a ``generate`` about a tenth
    of its time.  So, while that one module runs, ``import numpy`` fails as if numpy were
    absent (openpyxl's own fallback); numpy stays importable for everything else.  Nothing
    happens when numpy is already imported (e.g. by xlwings inside Excel) or not installed."""

    _MODULE = "openpyxl.compat.numbers"

    def find_spec(self, name, path=None, target=None):
        if name != self._MODULE:
            return None
        _sys.meta_path.remove(self)  # once: the real finders do the finding
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None and "numpy" not in _sys.modules:
            spec.loader = _NumpyHidden(spec.loader)
        return spec


class _NumpyHidden:
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        hidden = "numpy" not in _sys.modules
        if hidden:
            _sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" → ImportError
        try:
            self.loader.exec_module(module)
        finally:
            if hidden and _sys.modules.get("numpy", 0) is None:
                del _sys.modules["numpy"]


if "openpyxl" not in _sys.modules:
    _sys.meta_path.insert(0, _OpenpyxlWithoutNumpy())
