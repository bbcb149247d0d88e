"""Every finding code: its name, severity, titles and what it finds.  The code tables in
README.md and ``__init__`` are written from here by ``python -m ita_xl.builder`` (never by hand).

Codes are stable: a code is never reused for a different meaning, and never changes severity.
error = the documents would be wrong or unreadable (``generate`` stops unless ``--force``);
warning = probably a mistake (printed, not blocking).
"""
from __future__ import annotations

from .engine import ERROR, WARNING, define

# 1xx values and types
REQUIRED = define("ITA101", "required-missing", ERROR,
                  "ไม่ได้กรอกข้อมูลที่จำเป็น", "Required value missing",
                  finds="a required setting or table cell is blank")
NOT_A_DATE = define("ITA102", "not-a-date", ERROR,
                    "ช่องวันที่ไม่ใช่วันที่", "Date cell does not hold a date",
                    finds=('a date or month cell holds text that is no date ("ต้นเดือนมีนาคม"; a '
                           "month without a day in the memo date is named)"))
NOT_A_NUMBER = define("ITA103", "not-a-number", ERROR,
                      "ช่องตัวเลขไม่ใช่ตัวเลข", "Number cell does not hold a number",
                      finds=("a number cell holds text, or a fraction where a whole number is "
                             "needed"))
OUT_OF_RANGE = define("ITA104", "score-out-of-range", ERROR,
                      "คะแนนอยู่นอกช่วง 0–100", "Score outside 0–100",
                      finds="a score or the pass mark outside 0–100")
NOT_IN_LIST = define("ITA105", "not-in-list", ERROR,
                     "ค่าไม่อยู่ในรายการให้เลือก", "Value not in the dropdown list",
                     finds=("ไม่ผ่านเกณฑ์ is not ใช่/ไม่ใช่; the round or the digits setting is "
                            "not from its list"))
FISCAL_YEAR = define("ITA106", "fiscal-year-not-buddhist", ERROR,
                     "ปีงบประมาณไม่ใช่ปี พ.ศ.", "Fiscal year is not a Buddhist-era year",
                     finds="the fiscal year is not a B.E. year (2022 instead of 2565)")
EXCEL_ERROR = define("ITA107", "excel-error-value", ERROR,
                     "ช่องมีค่าความผิดพลาดของ Excel", "Excel error value in a cell",
                     finds="`#REF!`, `#N/A`, `#VALUE!`, `#DIV/0!`, `#NAME?` … in any cell read")
FORMULA = define("ITA108", "formula-without-value", ERROR,
                 "สูตรยังไม่ได้คำนวณ", "Formula without a calculated value",
                 finds="a formula that was never calculated (it reads as blank)")
BE_YEAR_IN_DATE = define("ITA109", "buddhist-year-in-date", ERROR,
                         "ปี พ.ศ. ถูกพิมพ์ลงในวันที่แบบ ค.ศ.",
                         "Buddhist-era year typed into a date",
                         finds=("a date whose year is past 2400 C.E.: a B.E. year typed into a "
                                "date (1/3/2565 on a Thai-locale Windows shows as ๓๑๐๘); the fix "
                                'says the date it means ("did you mean 1/3/2022?")'))
DATE_AS_TEXT = define("ITA110", "date-typed-as-text", WARNING,
                      "วันที่พิมพ์เป็นข้อความ (อ่านเป็นวันที่แล้ว)", "Date typed as text (read as a date)",
                      finds=('a date typed as text in a usual Thai form ("1 มี.ค. 65", '
                             '"01/03/2565", "๑ มีนาคม ๒๕๖๕", "มี.ค. 2565" for a month): read and '
                             "printed as the date it means"))
REF_IS_DATE = define("ITA111", "reference-became-date", ERROR,
                     "เลขที่หนังสือถูก Excel เปลี่ยนเป็นวันที่", "Reference number turned into a date",
                     finds=('the reference number (ที่) holds a date: Excel turned "12/2565" into '
                            "one (type `'12/2565`)"))

# 2xx plan and results
NO_RESULTS = define("ITA201", "measure-without-results", WARNING,
                    "มาตรการในแผนยังไม่มีผลการดำเนินงาน", "Planned measure has no results",
                    finds="a planned measure has no results row")
NOT_PLANNED = define("ITA202", "result-not-in-plan", ERROR,
                     "ผลการดำเนินงานของมาตรการที่ไม่มีในแผน", "Results for a measure not in the plan",
                     finds=("a results row's measure is not in the plan (\"did you mean …\" for "
                            "near-misses)"))
SPELLED = define("ITA203", "measure-spelled-differently", WARNING,
                 "ชื่อมาตรการเขียนต่างจากในแผน", "Measure written differently from the plan",
                 finds=("the same measure written differently in the two tables (spaces, "
                        "Thai/Arabic digits, invisible characters)"))
PLANNED_TWICE = define("ITA204", "measure-planned-twice", WARNING,
                       "มาตรการซ้ำในแผน", "Measure listed twice in the plan",
                       finds="one measure in two plan rows")
ROWS_APART = define("ITA205", "measure-rows-apart", WARNING,
                    "แถวของมาตรการเดียวกันไม่อยู่ติดกัน", "Rows of one measure are not together",
                    finds=("rows of one measure not next to each other (the report would show it "
                           "twice)"))
OWNER_IN_OUTPUT = define("ITA211", "owner-in-output", WARNING,
                         "ช่องผลผลิตเป็นชื่อส่วนราชการ", "Output cell holds an office name",
                         finds="ผลผลิต holds an office name")
MONITORING = define("ITA212", "monitoring-in-result", WARNING,
                    "ช่องผลลัพธ์/ผลผลิตเป็นข้อความการกำกับติดตาม",
                    "Outcome/output holds the monitoring text",
                    finds="ผลลัพธ์ or ผลผลิต holds the monitoring text")

# 3xx dates
OUTSIDE_YEAR = define("ITA301", "period-outside-fiscal-year", ERROR,
                      "ระยะเวลาดำเนินงานอยู่นอกปีงบประมาณ", "Activity period outside the fiscal year",
                      finds="an activity month outside the fiscal year")
AFTER_ROUND = define("ITA302", "period-after-round", WARNING,
                     "ระยะเวลาดำเนินงานอยู่หลังสิ้นรอบรายงาน", "Activity period after the round ends",
                     finds="an activity month after 31 March in the ๖-month round")
END_BEFORE_START = define("ITA303", "period-end-before-start", ERROR,
                          "เดือนสิ้นสุดอยู่ก่อนเดือนที่เริ่ม", "Period ends before it starts",
                          finds="the end month before the start month")
MEMO_EARLY = define("ITA304", "memo-before-activity", ERROR,
                    "วันที่บันทึกข้อความอยู่ก่อนกิจกรรมสุดท้าย", "Memo dated before the last activity",
                    finds="the memo dated before the last activity month it reports as done")
PREFACE_LATE = define("ITA305", "preface-after-memo", WARNING,
                      "เดือนของคำนำอยู่หลังวันที่บันทึกข้อความ", "Preface dated after the memo",
                      finds="the preface month after the memo date")
PERIOD_TEXT = define("ITA307", "period-looks-like-date-text", WARNING,
                     "ระยะเวลาพิมพ์เป็นข้อความที่ดูเหมือนวันที่",
                     "Period typed as text that looks like a date",
                     finds=('a period typed as text shaped like a date that is none ("31 ก.พ. '
                            '2565"): printed as typed but not checked against the year; text such '
                            'as "ตลอดปีงบประมาณ" or "ต.ค. 2565 – ก.ย. 2566" is accepted silently, '
                            "and a date in a usual form is read as that date (ITA110)"))
# ITA308 (row-of-other-round, a warning) is retired: such a row is ITA310, an error.
MEMO_YEAR = define("ITA306", "memo-date-outside-year", WARNING,
                   "วันที่บันทึกข้อความไม่อยู่ในช่วงปีงบประมาณ", "Memo date outside the fiscal year",
                   finds="the memo date before the fiscal year or more than three months after it")
PREFACE_YEAR = define("ITA309", "preface-outside-year", ERROR,
                      "เดือนของคำนำอยู่นอกช่วงปีงบประมาณ", "Preface month outside the fiscal year",
                      finds=("the preface month before the fiscal year or more than a year after "
                             'it ("มกราคม ๒๔๔๓")'))

# 4xx indicators
SHORT_VS_SCORE = define("ITA401", "short-mark-vs-score", ERROR,
                        "ช่องไม่ผ่านเกณฑ์ขัดกับคะแนน", "Short-of-pass-mark flag contradicts the score",
                        finds="ไม่ผ่านเกณฑ์ contradicts the score and the pass mark")
SHORT_NO_LEVEL = define("ITA402", "short-without-level", ERROR,
                        "ตัวชี้วัดที่ไม่ผ่านเกณฑ์ไม่มีระดับที่ต้องพัฒนา",
                        "Indicator that fell short has no level",
                        finds=("an indicator that fell short has no level while the levels table "
                               "is in use (the analysis would leave it out); with an empty levels "
                               "table the analysis names the short indicators without levels"))
LEVEL_UNDEFINED = define("ITA403", "level-not-defined", ERROR,
                         "ระดับที่อ้างถึงไม่มีในตารางระดับ", "Level not defined in the levels table",
                         finds="a short indicator's level is not in the levels table")
LEVEL_EMPTY = define("ITA404", "level-without-indicators", WARNING,
                     "ระดับนี้ไม่มีตัวชี้วัดที่ไม่ผ่านเกณฑ์", "Level has no indicator that fell short",
                     finds="a level no short indicator belongs to")
LEVEL_ON_PASS = define("ITA405", "level-on-passing-indicator", WARNING,
                       "ตัวชี้วัดที่ผ่านเกณฑ์มีระดับที่ต้องพัฒนา", "Passing indicator has a level",
                       finds="a level on an indicator that passed")
FRAMEWORK_LIST = define("ITA407", "list-differs-from-framework", WARNING,
                        "รายการตัวชี้วัดต่างจากกรอบการประเมินของปีนี้",
                        "Indicator list differs from the year's framework",
                        finds=("the indicator list differs from the fiscal year's framework "
                               '("คุณภารการดำเนินงาน", missing rows, indicators listed in a year '
                               "rated by tools)"))
GRADE = define("ITA408", "grade-not-in-scale", WARNING,
               "ระดับผลการประเมินไม่ตรงกับเกณฑ์ของปีนี้", "Grade or rating not in the year's scale",
               finds="the overall grade or rating is not on the year's scale")
NONE_SHORT = define("ITA406", "no-short-indicators", WARNING,
                    "ไม่มีตัวชี้วัดที่ไม่ผ่านเกณฑ์", "No indicator marked as short of the pass mark",
                    finds=("no indicator is marked short, and no score or overall grade shows that "
                           "all passed"))
GRADE_VS_SCORE = define("ITA409", "grade-vs-score", ERROR,
                        "ระดับผลการประเมินขัดกับคะแนนรวม",
                        "Grade or rating contradicts the overall score",
                        finds=("the grade or rating contradicts the overall score under the year's "
                               'rules ("72.4" typed with "A"; "ต้องปรับปรุง" with 96 and every '
                               "tool passed)"))
ALL_PASSED_VS_GRADE = define("ITA410", "all-passed-vs-grade", ERROR,
                             "ระบุว่าผ่านเกณฑ์ทุกรายการแต่ระดับ/คะแนนรวมต่ำกว่าเกณฑ์ผ่าน",
                             "Every unit marked passed, but the grade or overall score is below the pass",
                             finds=("every unit marked passed (the memo would say "
                                    '"ผ่านเกณฑ์การประเมินครบทั้ง …") but the grade or the overall '
                                    "score is below the pass (72.40, C)"))
RATING_VS_TOOLS = define("ITA411", "rating-vs-tools", ERROR,
                         "ระดับผลการประเมินขัดกับคะแนนหรือผลของเครื่องมือ",
                         "Rating contradicts a tool's score or mark",
                         finds=("the rating needs every tool at a mark that one tool misses "
                                '("ผ่านดีเยี่ยม" with EIT at 80 or marked ไม่ผ่านเกณฑ์)'))
UNOFFICIAL_RULE = define("ITA412", "rating-vs-unofficial-rule", WARNING,
                         "ระดับผลการประเมินไม่ตรงกับเกณฑ์ที่ไม่เป็นทางการ",
                         "Rating disagrees with an unofficial rule",
                         finds=("the rating breaks a condition the data has only from an "
                                "unofficial source (one agency's scoring tool); list it under "
                                "คำเตือนที่ตรวจแล้ว when the year's manual says otherwise"))
COUNT_VS_FRAMEWORK = define("ITA413", "count-vs-framework", ERROR,
                            "จำนวนแถวในตารางตัวชี้วัดไม่ตรงกับกรอบการประเมิน",
                            "Number of rows differs from the year's framework",
                            finds=("the indicator table has another number of rows than the year's "
                                   "framework counts (the memo's \"จากทั้งหมด …\" follows the rows)"))
PERCENT_CELL = define("ITA112", "percent-not-understood", ERROR,
                      "คะแนนจัดรูปแบบเป็นร้อยละหรือพิมพ์เป็นเศษส่วน",
                      "Score stored as a fraction (percent format)",
                      finds=("a score, the pass mark or the overall score stored as a fraction "
                             "(0.8247) that cannot be read as what the clerk sees: a "
                             "percent-formatted cell is read as shown (82.47% → 82.47); a bare "
                             "fraction is refused"))
ROUND_NOT_REPORTED = define("ITA310", "row-of-unreported-round", ERROR,
                            "แถวผลการดำเนินงานของรอบที่ไม่ได้รายงาน",
                            "Results row of a round this report does not cover",
                            finds=("a results row marked รอบ ๑๒ เดือน in a ๖-month report: the "
                                   "report would leave it out (set the round to ๑๒ เดือน, or clear "
                                   "the row's รอบ)"))

# 5xx people and agency
CHAIN_LABEL = define("ITA501", "chain-label-position", WARNING,
                     "ข้อความนำไม่ตรงกับตำแหน่ง", "Endorsement label does not match the position",
                     finds="\"ทราบ/ความเห็นของX\" where X is not that row's position")
NAME_PARENS = define("ITA502", "name-in-parentheses", WARNING,
                     "ชื่อมีวงเล็บอยู่แล้ว", "Name typed with parentheses",
                     finds='a name typed as "(…)" (the documents add the parentheses)')
ADDRESS_PART = define("ITA513", "address-part-not-used", WARNING,
                      "ประเภทหน่วยงานนี้ไม่มีส่วนที่อยู่ที่กรอก",
                      "Address part the agency type does not have",
                      finds=("อำเภอ or จังหวัด filled for an agency type that has none (not "
                             "printed)"))
OTHER_AGENCY = define("ITA511", "other-agency-named", WARNING,
                      "ข้อความระบุชื่อหน่วยงานอื่น", "Text names a different agency",
                      finds=("the subject, preface, signer, positions … name another "
                             "เทศบาล/อบต./อบจ. than the settings' agency"))
SUBJECT_YEAR = define("ITA512", "subject-fiscal-year", WARNING,
                      "เรื่องไม่ระบุปีงบประมาณนี้", "Subject does not name this fiscal year",
                      finds=("the subject lacks the fiscal year (Thai or Arabic digits) or names "
                             "another year"))

# 6xx text
CONTROL = define("ITA601", "control-characters", WARNING,
                 "มีอักขระควบคุมที่มองไม่เห็น", "Invisible control characters",
                 finds="control characters (removed from the documents)")
DOUBLE_SPACE = define("ITA602", "double-space", WARNING,
                      "เว้นวรรคซ้อน", "Double space",
                      finds="two or more spaces in a row")
BROKEN = define("ITA603", "space-broken-word", WARNING,
                "คำถูกแยกด้วยช่องว่าง", "Word or phrase broken by a space",
                finds="a word or a known phrase split by a space")
TOO_LONG = define("ITA604", "cell-too-long", WARNING,
                  "ข้อความในช่องยาวเกินไป", "Cell text too long for a table",
                  finds="a table cell over 2,000 characters (the Word table becomes unreadable)")
TYPO = define("ITA605", "typo-in-phrase", WARNING,
              "คำสะกดผิดในวลีที่ใช้ประจำ", "Typo in a fixed phrase",
              finds='"ผู้ชี้วัด", "ไม่เกณฑ์", "เว็ปไซต์", "โปร่งไส" …')
REPEATED = define("ITA606", "repeated-word", WARNING,
                  "คำซ้ำติดกัน", "Word repeated",
                  finds='a word written twice ("เช่น เช่น")')

# 7xx tables
EMPTY_TABLE = define("ITA701", "empty-table", ERROR,
                     "ตารางไม่มีข้อมูล", "Table is empty",
                     finds=("a required table (Chain, Indicators, Plan, Results) with no rows; "
                            "Levels and Improvements may be empty"))
DUPLICATE_ROW = define("ITA702", "duplicate-row", WARNING,
                       "แถวซ้ำ", "Duplicate row",
                       finds="a row repeated in full")
UNKNOWN_COLUMN = define("ITA703", "unknown-column", WARNING,
                        "หัวคอลัมน์ไม่ตรงกับคอลัมน์ใดของแบบฟอร์ม", "Column header matches no column",
                        finds=("a column the tracker does not know holds values: it is not printed "
                               "(the closest known header is named)"))
HIDDEN_ROWS = define("ITA704", "hidden-rows", WARNING,
                     "ตารางมีแถวที่ซ่อนหรือถูกกรองออก (ยังพิมพ์ในเอกสาร)",
                     "Hidden or filtered-out rows (still printed)",
                     finds=("rows hidden or filtered out in Excel: printed like any other, listed "
                            "so the clerk sees them"))
MISSPELT_COLUMN = define("ITA705", "misspelt-column", ERROR,
                         "หัวคอลัมน์สะกดต่างจากแบบฟอร์ม", "Column header misspelt",
                         finds=("a header close to a column the table lacks, over values "
                                '("หมายเหต", "ระยะเวลา ถึงเดือน", "ยศ"): they would be lost'))
OUTSIDE_TABLE = define("ITA706", "outside-table", ERROR,
                       "มีข้อมูลติดกับตารางแต่อยู่นอกตาราง", "Data next to a table but outside it",
                       finds=("data typed just under or beside a table but not in it (a paste or "
                              "LibreOffice did not extend the table); the fix names the range to "
                              "resize the table to"))

# The families of codes (the hundreds digit: one module of ``checks/rules`` each) are named in
# ``ita_xl.present.FAMILIES`` (wording lives there; present never imports the checks).
