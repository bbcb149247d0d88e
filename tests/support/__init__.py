"""Helpers of the tests (not tests themselves; no test imports another test).

* :mod:`.cli` — run ``ita-xl`` in-process (``cli``) or as a real process (``cli_process``);
* :mod:`.documents` — read produced files back: .docx text, paragraphs, tables, XML checks, PDF;
* :mod:`.workbooks` — the example data (as shipped and corrected) and writing it into trackers;
* :mod:`.wbedit` — edit a tracker copy through table and header names, as a clerk would;
* :mod:`.seed` — the seed document as test expectations;
* :mod:`.bad_files` — the bad input files of the robustness tests, made at test time;
* ``count_asserts.py`` — counts the suite's assertions (a script).
"""
