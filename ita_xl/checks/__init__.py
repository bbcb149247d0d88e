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
.. BEGIN codes (generated from ita_xl/checks/codes.py by python -m ita_xl.builder)
=======  =======  ============================  =================================================
code     level    name                          finds
=======  =======  ============================  =================================================
ITA101   error    required-missing              a required setting or table cell is blank
ITA102   error    not-a-date                    a date or month cell holds text that is no date
                                                ("ต้นเดือนมีนาคม"; a month without a day in the
                                                memo date is named)
ITA103   error    not-a-number                  a number cell holds text, or a fraction where a
                                                whole number is needed
ITA104   error    score-out-of-range            a score or the pass mark outside 0–100
ITA105   error    not-in-list                   ไม่ผ่านเกณฑ์ is not ใช่/ไม่ใช่; the round or the
                                                digits setting is not from its list
ITA106   error    fiscal-year-not-buddhist      the fiscal year is not a B.E. year (2022 instead
                                                of 2565)
ITA107   error    excel-error-value             `#REF!`, `#N/A`, `#VALUE!`, `#DIV/0!`, `#NAME?` …
                                                in any cell read
ITA108   error    formula-without-value         a formula that was never calculated (it reads as
                                                blank)
ITA109   error    buddhist-year-in-date         a date whose year is past 2400 C.E.: a B.E. year
                                                typed into a date (1/3/2565 on a Thai-locale
                                                Windows shows as ๓๑๐๘); the fix says the date it
                                                means ("did you mean 1/3/2022?")
ITA110   warning  date-typed-as-text            a date typed as text in a usual Thai form ("1
                                                มี.ค. 65", "01/03/2565", "๑ มีนาคม ๒๕๖๕", "มี.ค.
                                                2565" for a month): read and printed as the date
                                                it means
ITA111   error    reference-became-date         the reference number (ที่) holds a date: Excel
                                                turned "12/2565" into one (type `'12/2565`)
ITA112   error    percent-not-understood        a score, the pass mark or the overall score
                                                stored as a fraction (0.8247) that cannot be read
                                                as what the clerk sees: a percent-formatted cell
                                                is read as shown (82.47% → 82.47); a bare
                                                fraction is refused
ITA201   warning  measure-without-results       a planned measure has no results row
ITA202   error    result-not-in-plan            a results row's measure is not in the plan ("did
                                                you mean …" for near-misses)
ITA203   warning  measure-spelled-differently   the same measure written differently in the two
                                                tables (spaces, Thai/Arabic digits, invisible
                                                characters)
ITA204   warning  measure-planned-twice         one measure in two plan rows
ITA205   warning  measure-rows-apart            rows of one measure not next to each other (the
                                                report would show it twice)
ITA211   warning  owner-in-output               ผลผลิต holds an office name
ITA212   warning  monitoring-in-result          ผลลัพธ์ or ผลผลิต holds the monitoring text
ITA301   error    period-outside-fiscal-year    an activity month outside the fiscal year
ITA302   warning  period-after-round            an activity month after 31 March in the ๖-month
                                                round
ITA303   error    period-end-before-start       the end month before the start month
ITA304   error    memo-before-activity          the memo dated before the last activity month it
                                                reports as done
ITA305   warning  preface-after-memo            the preface month after the memo date
ITA306   warning  memo-date-outside-year        the memo date before the fiscal year or more than
                                                three months after it
ITA307   warning  period-looks-like-date-text   a period typed as text shaped like a date that is
                                                none ("31 ก.พ. 2565"): printed as typed but not
                                                checked against the year; text such as
                                                "ตลอดปีงบประมาณ" or "ต.ค. 2565 – ก.ย. 2566" is
                                                accepted silently, and a date in a usual form is
                                                read as that date (ITA110)
ITA309   error    preface-outside-year          the preface month before the fiscal year or more
                                                than a year after it ("มกราคม ๒๔๔๓")
ITA310   error    row-of-unreported-round       a results row marked รอบ ๑๒ เดือน in a ๖-month
                                                report: the report would leave it out (set the
                                                round to ๑๒ เดือน, or clear the row's รอบ)
ITA401   error    short-mark-vs-score           ไม่ผ่านเกณฑ์ contradicts the score and the pass
                                                mark
ITA402   error    short-without-level           an indicator that fell short has no level while
                                                the levels table is in use (the analysis would
                                                leave it out); with an empty levels table the
                                                analysis names the short indicators without
                                                levels
ITA403   error    level-not-defined             a short indicator's level is not in the levels
                                                table
ITA404   warning  level-without-indicators      a level no short indicator belongs to
ITA405   warning  level-on-passing-indicator    a level on an indicator that passed
ITA406   warning  no-short-indicators           no indicator is marked short, and no score or
                                                overall grade shows that all passed
ITA407   warning  list-differs-from-framework   the indicator list differs from the fiscal year's
                                                framework ("คุณภารการดำเนินงาน", missing rows,
                                                indicators listed in a year rated by tools)
ITA408   warning  grade-not-in-scale            the overall grade or rating is not on the year's
                                                scale
ITA409   error    grade-vs-score                the grade or rating contradicts the overall score
                                                under the year's rules ("72.4" typed with "A";
                                                "ต้องปรับปรุง" with 96 and every tool passed)
ITA410   error    all-passed-vs-grade           every unit marked passed (the memo would say
                                                "ผ่านเกณฑ์การประเมินครบทั้ง …") but the grade or
                                                the overall score is below the pass (72.40, C)
ITA411   error    rating-vs-tools               the rating needs every tool at a mark that one
                                                tool misses ("ผ่านดีเยี่ยม" with EIT at 80 or
                                                marked ไม่ผ่านเกณฑ์)
ITA412   warning  rating-vs-unofficial-rule     the rating breaks a condition the data has only
                                                from an unofficial source (one agency's scoring
                                                tool); list it under คำเตือนที่ตรวจแล้ว when the
                                                year's manual says otherwise
ITA413   error    count-vs-framework            the indicator table has another number of rows
                                                than the year's framework counts (the memo's
                                                "จากทั้งหมด …" follows the rows)
ITA501   warning  chain-label-position          "ทราบ/ความเห็นของX" where X is not that row's
                                                position
ITA502   warning  name-in-parentheses           a name typed as "(…)" (the documents add the
                                                parentheses)
ITA511   warning  other-agency-named            the subject, preface, signer, positions … name
                                                another เทศบาล/อบต./อบจ. than the settings'
                                                agency
ITA512   warning  subject-fiscal-year           the subject lacks the fiscal year (Thai or Arabic
                                                digits) or names another year
ITA513   warning  address-part-not-used         อำเภอ or จังหวัด filled for an agency type that
                                                has none (not printed)
ITA601   warning  control-characters            control characters (removed from the documents)
ITA602   warning  double-space                  two or more spaces in a row
ITA603   warning  space-broken-word             a word or a known phrase split by a space
ITA604   warning  cell-too-long                 a table cell over 2,000 characters (the Word
                                                table becomes unreadable)
ITA605   warning  typo-in-phrase                "ผู้ชี้วัด", "ไม่เกณฑ์", "เว็ปไซต์", "โปร่งไส" …
ITA606   warning  repeated-word                 a word written twice ("เช่น เช่น")
ITA701   error    empty-table                   a required table (Chain, Indicators, Plan,
                                                Results) with no rows; Levels and Improvements
                                                may be empty
ITA702   warning  duplicate-row                 a row repeated in full
ITA703   warning  unknown-column                a column the tracker does not know holds values:
                                                it is not printed (the closest known header is
                                                named)
ITA704   warning  hidden-rows                   rows hidden or filtered out in Excel: printed
                                                like any other, listed so the clerk sees them
ITA705   error    misspelt-column               a header close to a column the table lacks, over
                                                values ("หมายเหต", "ระยะเวลา ถึงเดือน", "ยศ"):
                                                they would be lost
ITA706   error    outside-table                 data typed just under or beside a table but not
                                                in it (a paste or LibreOffice did not extend the
                                                table); the fix names the range to resize the
                                                table to
=======  =======  ============================  =================================================
.. END codes

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
