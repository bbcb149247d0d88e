"""The tracker workbook as a file: layout and data → ``.xlsm`` bytes, with VBA and ribbon.

``ita-xl init`` (a new agency's tracker) and the builder (the bundled example,
``python -m ita_xl.builder``) both make trackers here:

* :mod:`.workbook` — sheets, Excel Tables, defined names, dropdowns, formats (openpyxl);
* :mod:`.excel_parts` — the VBA project, the ribbon XML and the dynamic-array metadata, added by
  zip post-processing (nothing may re-save the result afterwards); copied from the shipped
  tracker at run time, made from source by the builder (``ita_xl.builder.excel_side``);
* :mod:`.zipdet` — deterministic zip packages, so a rebuild is byte-identical;
* :mod:`.tracker` — the whole: ``tracker_bytes(data)``.
"""
