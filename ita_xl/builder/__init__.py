"""The builder: rewrites the committed binaries from their sources (a developer's tool).

``python -m ita_xl.builder`` rewrites ``workbook/ITA_tracker.xlsm`` (through :mod:`ita_xl.xlsm`,
which ``ita-xl init`` uses at run time too) and ``templates/*.docx`` (:mod:`.templates`).
Tests rebuild both in memory and compare with the committed files.  Nothing at run time
imports this package.
"""
