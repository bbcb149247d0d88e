"""One rulebook of checks, used by ``ita-xl check``, before every ``generate`` and in Excel.

Entry points
------------
``run_checks(tracker)``
    every rule on a tracker from ``read_tracker`` (or built by the xlwings functions); findings
    sorted by sheet (workbook order) and cell.  With ``tracker.source`` set, formulas without a
    cached value are found by a light scan of the sheet XML.
``check_rows(table, rows, sheet, origin=(row, col), settings=None)``
    one table as Excel hands it to an xlwings function (2-D list, header row first, ``None``
    for blanks, floats, datetimes).  It goes through ``reader.rows_to_records`` and runs the
    very same rules; rules that need another table do not run, and only findings inside the
    table are returned.  ``check_values({table: (rows, sheet, origin)}, settings)`` does the
    same for several tables at once.

Reading a workbook file and checking it is the pipeline's (``ita_xl.pipeline.check(path)``):
the checks never read a file themselves.

A ``Finding`` has ``code``, ``name``, ``severity`` ("error" | "warning"), ``sheet``, ``cell``
(A1, no ``$``), ``table``, ``column``, ``message_th``, ``message_en``, ``fix_th``, ``fix_en``;
``message`` is the Thai sentence, a newline, then the English one; ``to_dict()`` is the JSON
object of ``ita-xl check --format json``.

Severity: **error** = the documents would be wrong or unreadable (``generate`` writes nothing
unless ``--force``); **warning** = probably a mistake (printed, never blocking).  None of the
seed's own mistakes is an error, so the bundled example generates, with warnings.

Codes (stable; a code never changes meaning or severity)
--------------------------------------------------------
=======  =======  ============================  =================================================
code     level    name                          finds
=======  =======  ============================  =================================================
ITA101   error    required-missing              a required setting or table cell is blank
ITA102   error    not-a-date                    a date/month cell holds text that is no date
ITA103   error    not-a-number                  a number cell holds text, a fraction where a
                                                whole number is needed
ITA104   error    score-out-of-range            a score or the pass mark outside 0–100
ITA105   error    not-in-list                   ไม่ผ่านเกณฑ์ not ใช่/ไม่ใช่; round or digits not
                                                from their list
ITA106   error    fiscal-year-not-buddhist      fiscal year not a B.E. year (2022 instead of 2565)
ITA107   error    excel-error-value             #REF!, #N/A, #VALUE!, #DIV/0!, #NAME? … in a cell
ITA108   error    formula-without-value         a formula that was never calculated (reads blank)
ITA109   error    buddhist-year-in-date         a date past 2400 C.E.: a B.E. year typed into a
                                                date (the fix names the date it means)
ITA110   warning  date-typed-as-text            a date typed as text in a usual Thai form ("1
                                                มี.ค. 65"), read as the date it means
ITA111   error    reference-became-date         the reference number (ที่) was turned into a date
                                                by Excel ("12/2565")
ITA201   warning  measure-without-results       a planned measure has no results row
ITA202   error    result-not-in-plan            a results row's measure is not in the plan
                                                (with "did you mean …" for near-misses)
ITA203   warning  measure-spelled-differently   same measure, written differently (spaces,
                                                digits, invisible characters) in the two tables
ITA204   warning  measure-planned-twice         the same measure in two plan rows
ITA205   warning  measure-rows-apart            rows of one measure not next to each other
ITA211   warning  owner-in-output               ผลผลิต holds an office name (row shifted)
ITA212   warning  monitoring-in-result          ผลลัพธ์/ผลผลิต holds the monitoring text
                                                ("รายงานผล… รอบ ๖ เดือน …")
ITA301   error    period-outside-fiscal-year    an activity month outside the fiscal year
ITA302   warning  period-after-round            an activity month after 31 March in the
                                                6-month round
ITA303   error    period-end-before-start       the end month before the start month
ITA304   error    memo-before-activity          the memo dated before the last activity month
ITA305   warning  preface-after-memo            the preface month after the memo date
ITA306   warning  memo-date-outside-year        the memo date before the fiscal year or more
                                                than 3 months after it
ITA307   warning  period-looks-like-date-text   a period typed as text shaped like a date that
                                                is none ("31 ก.พ. 2565"; printed as typed)
ITA308   warning  row-of-other-round            a รอบ ๑๒ เดือน row in a 6-month report (left out)
ITA309   error    preface-outside-year          the preface month before the fiscal year or more
                                                than a year after it ("มกราคม ๒๔๔๓")
ITA401   error    short-mark-vs-score           ไม่ผ่านเกณฑ์ contradicts score vs pass mark
ITA402   error    short-without-level           a short indicator without a level while the
                                                levels table is in use
ITA403   error    level-not-defined             a short indicator's level missing from Levels
ITA404   warning  level-without-indicators      a level no short indicator belongs to
ITA405   warning  level-on-passing-indicator    a level on an indicator that passed
ITA406   warning  no-short-indicators           no indicator marked short and no score or
                                                grade typed that shows all passed
ITA407   warning  list-differs-from-framework   the indicator list differs from the year's
                                                framework (typos, missing rows, unit)
ITA408   warning  grade-not-in-scale            the overall grade is not on the year's scale or
                                                disagrees with the overall score
ITA501   warning  chain-label-position          "ทราบ/ความเห็นของX" where X is not the position
ITA502   warning  name-in-parentheses           a name typed as "(…)": printed doubled
ITA511   warning  other-agency-named            subject, preface, signer … name another
                                                เทศบาล/อบต./อบจ. than the settings' agency
ITA512   warning  subject-fiscal-year           the subject lacks the fiscal year (Thai or
                                                Arabic digits) or names another year
ITA513   warning  address-part-not-used         อำเภอ/จังหวัด filled for an agency type
                                                without it (not printed)
ITA601   warning  control-characters            control characters (removed from documents)
ITA602   warning  double-space                  two or more spaces in a row
ITA603   warning  space-broken-word             a word or known phrase split by a space
                                                ("มาตรการ เผยแพร่ข้อมูล ต่อสาธารณะ")
ITA604   warning  cell-too-long                 a table cell over 2,000 characters
ITA605   warning  typo-in-phrase                "ผู้ชี้วัด", "ไม่เกณฑ์", "เว็ปไซต์" …
ITA606   warning  repeated-word                 a word written twice ("เช่น เช่น")
ITA701   error    empty-table                   a required table (Chain, Indicators, Plan,
                                                Results) with no rows
ITA702   warning  duplicate-row                 a row repeated in full
ITA703   warning  unknown-column                a column the tracker does not know holds
                                                values (not printed; names the closest header)
ITA704   warning  hidden-rows                   rows hidden or filtered out in Excel (printed)
ITA705   error    misspelt-column               a header close to a column the table lacks,
                                                over values ("หมายเหต", "ยศ"): they would be lost
ITA706   error    outside-table                 data typed just under or beside a table, outside
                                                it (the fix names the range to resize it to)
=======  =======  ============================  =================================================

Judgement calls
---------------
* Outcomes that only repeat the monitoring wording (ITA212) are reported in every row, not only
  the seed's first row: rows 3 and 4 of the seed hold the same text as the plan's monitoring
  column (row 4 identical apart from spaces, row 3 with the measure name inserted).  An outcome
  is "monitoring wording" when it equals a plan monitoring cell after normalising, or starts
  with "รายงานผล" and names a round (รอบ ๖/๑๒ เดือน).
* Space-broken words (ITA603) are reported only on evidence: a phrase the workbook itself
  defines (a measure, an indicator, the agency, a position, a monitoring line) or a short list
  of fixed ITA wording appears with a space its own spelling lacks; or pythainlp's dictionary
  shows the space splits one word into pieces that are not both words ("สาธาร ณะ").  Two words
  around a space ("กฎ ระเบียบ") are a Thai list, never reported; personal names are skipped.
* The preface dated after the memo is a warning, not an error: agencies often date the preface
  by the month of publication.  A memo dated before the work it reports as done is an error.
"""
from .engine import CODES, ERROR, WARNING, Code, Finding, errors, has_errors, sort_findings, warnings
from .runner import check_rows, check_values, cleaned_findings, run_checks
from . import codes  # noqa: F401,E402  (defines CODES)

__all__ = ["CODES", "ERROR", "WARNING", "Code", "Finding", "check_rows", "check_values",
           "cleaned_findings", "errors", "has_errors", "run_checks", "sort_findings", "warnings"]
