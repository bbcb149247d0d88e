"""Every finding code, its name, severity and title.  The table in ``__init__`` mirrors this.

Codes are stable: a code is never reused for a different meaning, and never changes severity.
error = the documents would be wrong or unreadable (``generate`` stops unless ``--force``);
warning = probably a mistake (printed, not blocking).
"""
from __future__ import annotations

from .engine import ERROR, WARNING, define

# 1xx values and types
REQUIRED = define("ITA101", "required-missing", ERROR,
                  "ไม่ได้กรอกข้อมูลที่จำเป็น", "Required value missing")
NOT_A_DATE = define("ITA102", "not-a-date", ERROR,
                    "ช่องวันที่ไม่ใช่วันที่", "Date cell does not hold a date")
NOT_A_NUMBER = define("ITA103", "not-a-number", ERROR,
                      "ช่องตัวเลขไม่ใช่ตัวเลข", "Number cell does not hold a number")
OUT_OF_RANGE = define("ITA104", "score-out-of-range", ERROR,
                      "คะแนนอยู่นอกช่วง 0–100", "Score outside 0–100")
NOT_IN_LIST = define("ITA105", "not-in-list", ERROR,
                     "ค่าไม่อยู่ในรายการให้เลือก", "Value not in the dropdown list")
FISCAL_YEAR = define("ITA106", "fiscal-year-not-buddhist", ERROR,
                     "ปีงบประมาณไม่ใช่ปี พ.ศ.", "Fiscal year is not a Buddhist-era year")
EXCEL_ERROR = define("ITA107", "excel-error-value", ERROR,
                     "ช่องมีค่าความผิดพลาดของ Excel", "Excel error value in a cell")
FORMULA = define("ITA108", "formula-without-value", ERROR,
                 "สูตรยังไม่ได้คำนวณ", "Formula without a calculated value")
BE_YEAR_IN_DATE = define("ITA109", "buddhist-year-in-date", ERROR,
                         "ปี พ.ศ. ถูกพิมพ์ลงในวันที่แบบ ค.ศ.",
                         "Buddhist-era year typed into a date")
DATE_AS_TEXT = define("ITA110", "date-typed-as-text", WARNING,
                      "วันที่พิมพ์เป็นข้อความ (อ่านเป็นวันที่แล้ว)", "Date typed as text (read as a date)")
REF_IS_DATE = define("ITA111", "reference-became-date", ERROR,
                     "เลขที่หนังสือถูก Excel เปลี่ยนเป็นวันที่", "Reference number turned into a date")

# 2xx plan and results
NO_RESULTS = define("ITA201", "measure-without-results", WARNING,
                    "มาตรการในแผนยังไม่มีผลการดำเนินงาน", "Planned measure has no results")
NOT_PLANNED = define("ITA202", "result-not-in-plan", ERROR,
                     "ผลการดำเนินงานของมาตรการที่ไม่มีในแผน", "Results for a measure not in the plan")
SPELLED = define("ITA203", "measure-spelled-differently", WARNING,
                 "ชื่อมาตรการเขียนต่างจากในแผน", "Measure written differently from the plan")
PLANNED_TWICE = define("ITA204", "measure-planned-twice", WARNING,
                       "มาตรการซ้ำในแผน", "Measure listed twice in the plan")
ROWS_APART = define("ITA205", "measure-rows-apart", WARNING,
                    "แถวของมาตรการเดียวกันไม่อยู่ติดกัน", "Rows of one measure are not together")
OWNER_IN_OUTPUT = define("ITA211", "owner-in-output", WARNING,
                         "ช่องผลผลิตเป็นชื่อส่วนราชการ", "Output cell holds an office name")
MONITORING = define("ITA212", "monitoring-in-result", WARNING,
                    "ช่องผลลัพธ์/ผลผลิตเป็นข้อความการกำกับติดตาม",
                    "Outcome/output holds the monitoring text")

# 3xx dates
OUTSIDE_YEAR = define("ITA301", "period-outside-fiscal-year", ERROR,
                      "ระยะเวลาดำเนินงานอยู่นอกปีงบประมาณ", "Activity period outside the fiscal year")
AFTER_ROUND = define("ITA302", "period-after-round", WARNING,
                     "ระยะเวลาดำเนินงานอยู่หลังสิ้นรอบรายงาน", "Activity period after the round ends")
END_BEFORE_START = define("ITA303", "period-end-before-start", ERROR,
                          "เดือนสิ้นสุดอยู่ก่อนเดือนที่เริ่ม", "Period ends before it starts")
MEMO_EARLY = define("ITA304", "memo-before-activity", ERROR,
                    "วันที่บันทึกข้อความอยู่ก่อนกิจกรรมสุดท้าย", "Memo dated before the last activity")
PREFACE_LATE = define("ITA305", "preface-after-memo", WARNING,
                      "เดือนของคำนำอยู่หลังวันที่บันทึกข้อความ", "Preface dated after the memo")
PERIOD_TEXT = define("ITA307", "period-looks-like-date-text", WARNING,
                     "ระยะเวลาพิมพ์เป็นข้อความที่ดูเหมือนวันที่",
                     "Period typed as text that looks like a date")
ROUND_LEFT_OUT = define("ITA308", "row-of-other-round", WARNING,
                        "แถวของรอบ ๑๒ เดือนในรายงานรอบ ๖ เดือน",
                        "12-month row in a 6-month report")
MEMO_YEAR = define("ITA306", "memo-date-outside-year", WARNING,
                   "วันที่บันทึกข้อความไม่อยู่ในช่วงปีงบประมาณ", "Memo date outside the fiscal year")
PREFACE_YEAR = define("ITA309", "preface-outside-year", ERROR,
                      "เดือนของคำนำอยู่นอกช่วงปีงบประมาณ", "Preface month outside the fiscal year")

# 4xx indicators
SHORT_VS_SCORE = define("ITA401", "short-mark-vs-score", ERROR,
                        "ช่องไม่ผ่านเกณฑ์ขัดกับคะแนน", "Short-of-pass-mark flag contradicts the score")
SHORT_NO_LEVEL = define("ITA402", "short-without-level", ERROR,
                        "ตัวชี้วัดที่ไม่ผ่านเกณฑ์ไม่มีระดับที่ต้องพัฒนา",
                        "Indicator that fell short has no level")
LEVEL_UNDEFINED = define("ITA403", "level-not-defined", ERROR,
                         "ระดับที่อ้างถึงไม่มีในตารางระดับ", "Level not defined in the levels table")
LEVEL_EMPTY = define("ITA404", "level-without-indicators", WARNING,
                     "ระดับนี้ไม่มีตัวชี้วัดที่ไม่ผ่านเกณฑ์", "Level has no indicator that fell short")
LEVEL_ON_PASS = define("ITA405", "level-on-passing-indicator", WARNING,
                       "ตัวชี้วัดที่ผ่านเกณฑ์มีระดับที่ต้องพัฒนา", "Passing indicator has a level")
FRAMEWORK_LIST = define("ITA407", "list-differs-from-framework", WARNING,
                        "รายการตัวชี้วัดต่างจากกรอบการประเมินของปีนี้",
                        "Indicator list differs from the year's framework")
GRADE = define("ITA408", "grade-not-in-scale", WARNING,
               "ระดับผลการประเมินไม่ตรงกับเกณฑ์ของปีนี้", "Grade or rating not in the year's scale")
NONE_SHORT = define("ITA406", "no-short-indicators", WARNING,
                    "ไม่มีตัวชี้วัดที่ไม่ผ่านเกณฑ์", "No indicator marked as short of the pass mark")

# 5xx people and agency
CHAIN_LABEL = define("ITA501", "chain-label-position", WARNING,
                     "ข้อความนำไม่ตรงกับตำแหน่ง", "Endorsement label does not match the position")
NAME_PARENS = define("ITA502", "name-in-parentheses", WARNING,
                     "ชื่อมีวงเล็บอยู่แล้ว", "Name typed with parentheses")
ADDRESS_PART = define("ITA513", "address-part-not-used", WARNING,
                      "ประเภทหน่วยงานนี้ไม่มีส่วนที่อยู่ที่กรอก",
                      "Address part the agency type does not have")
OTHER_AGENCY = define("ITA511", "other-agency-named", WARNING,
                      "ข้อความระบุชื่อหน่วยงานอื่น", "Text names a different agency")
SUBJECT_YEAR = define("ITA512", "subject-fiscal-year", WARNING,
                      "เรื่องไม่ระบุปีงบประมาณนี้", "Subject does not name this fiscal year")

# 6xx text
CONTROL = define("ITA601", "control-characters", WARNING,
                 "มีอักขระควบคุมที่มองไม่เห็น", "Invisible control characters")
DOUBLE_SPACE = define("ITA602", "double-space", WARNING,
                      "เว้นวรรคซ้อน", "Double space")
BROKEN = define("ITA603", "space-broken-word", WARNING,
                "คำถูกแยกด้วยช่องว่าง", "Word or phrase broken by a space")
TOO_LONG = define("ITA604", "cell-too-long", WARNING,
                  "ข้อความในช่องยาวเกินไป", "Cell text too long for a table")
TYPO = define("ITA605", "typo-in-phrase", WARNING,
              "คำสะกดผิดในวลีที่ใช้ประจำ", "Typo in a fixed phrase")
REPEATED = define("ITA606", "repeated-word", WARNING,
                  "คำซ้ำติดกัน", "Word repeated")

# 7xx tables
EMPTY_TABLE = define("ITA701", "empty-table", ERROR,
                     "ตารางไม่มีข้อมูล", "Table is empty")
DUPLICATE_ROW = define("ITA702", "duplicate-row", WARNING,
                       "แถวซ้ำ", "Duplicate row")
UNKNOWN_COLUMN = define("ITA703", "unknown-column", WARNING,
                        "หัวคอลัมน์ไม่ตรงกับคอลัมน์ใดของแบบฟอร์ม", "Column header matches no column")
HIDDEN_ROWS = define("ITA704", "hidden-rows", WARNING,
                     "ตารางมีแถวที่ซ่อนหรือถูกกรองออก (ยังพิมพ์ในเอกสาร)",
                     "Hidden or filtered-out rows (still printed)")
MISSPELT_COLUMN = define("ITA705", "misspelt-column", ERROR,
                         "หัวคอลัมน์สะกดต่างจากแบบฟอร์ม", "Column header misspelt")
OUTSIDE_TABLE = define("ITA706", "outside-table", ERROR,
                       "มีข้อมูลติดกับตารางแต่อยู่นอกตาราง", "Data next to a table but outside it")

#: Rule families: the hundreds of a code, one module of ``checks/rules`` each (the JUnit report
#: of ``check --junit`` has one test case per agency and family).  Digit → (Thai, English).
FAMILIES = {
    "1": ("ค่าและชนิดข้อมูล", "values and types"),
    "2": ("แผนและผลการดำเนินงาน", "plan and results"),
    "3": ("วันที่", "dates"),
    "4": ("ตัวชี้วัด", "indicators"),
    "5": ("ผู้ลงนามและหน่วยงาน", "people and agency"),
    "6": ("ข้อความ", "text"),
    "7": ("ตาราง", "tables"),
}


def family_of(code: str) -> str:
    """``ITA202`` → ``2``: the family digit of a code."""
    return code[3]
