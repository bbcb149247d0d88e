"""Build the binary artefacts from their sources: the tracker workbook and the Word templates.

``python -m ita_xl.build`` rewrites ``workbook/ITA_tracker.xlsm`` and ``templates/*.docx``.
Tests rebuild them in memory and compare with the committed files.
"""
