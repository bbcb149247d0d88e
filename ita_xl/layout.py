"""The tracker workbook's layout: one description that ``ita_xl.xlsm`` writes and the reader reads.

Nothing here holds a cell coordinate that the reader relies on.  The reader finds

* single values by **defined name** (``ita_agency`` …), so a clerk may move or insert rows;
* data sets by **Excel Table name** (``Plan`` …), and inside a table each column by its
  **header text**, so a clerk may reorder columns, add a notes column or rename the sheet.

``ita_xl.xlsm`` uses the order and widths given here to lay out a fresh tracker.  Sheet titles are
only the titles a fresh tracker gets; messages always use the title found in the file.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import agencies

# Sheet titles of a fresh tracker (the clerk may rename them).
SHEET_SETTINGS = "ตั้งค่า"
SHEET_PEOPLE = "ผู้ลงนาม"
SHEET_INDICATORS = "ตัวชี้วัด"
SHEET_PLAN = "มาตรการ"
SHEET_RESULTS = "ผลการดำเนินงาน"
SHEET_LISTS = "รายการ"


@dataclass(frozen=True)
class Setting:
    """A single value, found through the defined name ``name``."""

    name: str  # defined name, prefixed ita_ so it can never look like a cell reference
    field: str  # attribute on the model
    label: str  # Thai label shown left of the value cell
    kind: str = "text"  # text | longtext | date | month | int | number | amount | choice
    required: bool = True
    choices: str | None = None  # name of a list in LISTS (dropdown)
    help: str = ""  # Thai help shown in the column right of the value
    sheet: str = SHEET_SETTINGS
    # Added after the first trackers went out: a file without this defined name reads as blank.
    optional_in_file: bool = False
    # What a blank (or missing) cell means: wording the documents print unless the clerk
    # types their own.  A fresh tracker shows it in the cell, so it can be reworded there.
    default: str | None = None


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # Thai header text; the reader matches it after normalising whitespace
    kind: str = "text"  # text | longtext | date | month | int | number | amount | choice
    required: bool = True
    choices: str | None = None
    width: float = 20
    aliases: tuple[str, ...] = ()  # other headers accepted for the same column


@dataclass(frozen=True)
class TableSpec:
    name: str  # Excel Table name
    sheet: str  # sheet title in a fresh tracker
    title: str  # Thai title written above the table
    columns: tuple[Column, ...]
    min_rows: int = 1  # an empty table is reported by the checks
    # Added after the first trackers went out: a file without this table reads it as empty.
    optional_in_file: bool = False

    def column(self, field_name: str) -> Column:
        for col in self.columns:
            if col.field == field_name:
                return col
        raise KeyError(field_name)


# Lists behind the dropdowns.  They live on the lists sheet as one column each, under a defined
# name ``list_<key>``; a clerk may add offices there.
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "yesno": ("ใช่/ไม่ใช่", ("ใช่", "ไม่ใช่")),
    "round": ("รอบการรายงาน", ("รอบ ๖ เดือน", "รอบ ๑๒ เดือน")),
    "digits": ("รูปแบบตัวเลข", ("เลขไทย", "เลขอารบิก")),
    "group": ("กลุ่มตัวชี้วัด", ("IIT", "EIT", "OIT")),
    "level": ("ระดับที่ต้องพัฒนา", ("1", "2", "3")),
    "agency_type": ("ประเภทหน่วยงาน", tuple(agencies.TYPES)),  # the registry, in its order
    "unit": ("หน่วยที่นับในการวิเคราะห์", ("ตัวชี้วัด", "เครื่องมือ")),
    "grade": ("ระดับผลการประเมิน", ("AA", "A", "B", "C", "D", "E", "F", "ผ่านดีเยี่ยม", "ผ่านดี",
                                      "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน")),
    "offices": ("ส่วนราชการ", ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา",
                               "กองสาธารณสุขและสิ่งแวดล้อม", "กองสวัสดิการสังคม")),
}
LIST_EXTRA_ROWS = 30  # blank rows kept inside each list range for the clerk's own entries


# The report's title and section headings when the tracker leaves them blank (today's wording).
REPORT_TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
HEADING_SCORES = "ผลการประเมินปีที่ผ่านมา"
HEADING_ANALYSIS = "การวิเคราะห์ผลการประเมินและมาตรการ"
HEADING_RESULTS = "ผลการดำเนินการตามมาตรการ"

SETTINGS: tuple[Setting, ...] = (
    Setting("ita_agency", "agency", "ชื่อหน่วยงาน", help="เช่น เทศบาลตำบลเมืองหงส์"),
    Setting("ita_office", "office", "ส่วนราชการเจ้าของเรื่อง", help="เช่น สำนักปลัดเทศบาล"),
    Setting("ita_agency_type", "agency_type", "ประเภทหน่วยงาน", kind="choice",
            choices="agency_type", required=False, optional_in_file=True,
            help="เลือกจากรายการ (เว้นว่าง = ดูจากชื่อหน่วยงาน) ใช้จัดบรรทัดที่อยู่และช่องที่ต้องกรอก"),
    Setting("ita_district", "district", "อำเภอ", required=False,
            help="ชื่ออำเภอ (กรุงเทพมหานคร: ชื่อเขต) ไม่ต้องพิมพ์คำว่า อำเภอ/เขต; "
                 "อบจ. และส่วนราชการส่วนกลางเว้นว่าง"),
    Setting("ita_province", "province", "จังหวัด", required=False,
            help="ชื่อจังหวัด ไม่ต้องพิมพ์คำว่า จังหวัด (กรุงเทพมหานครเว้นว่าง)"),
    Setting("ita_fiscal_year", "fiscal_year", "ปีงบประมาณ (พ.ศ.)", kind="int",
            help="ปี พ.ศ. เช่น 2565"),
    Setting("ita_round", "round", "รอบการรายงาน", kind="choice", choices="round"),
    Setting("ita_round_print", "round_print", "พิมพ์รอบการรายงานในเอกสาร", kind="choice",
            choices="yesno", required=False, optional_in_file=True,
            help="ใช่ (หรือเว้นว่าง) = พิมพ์รอบที่หน้าปกรายงานและท้ายเรื่องของบันทึก; ไม่ใช่ = ไม่พิมพ์"),
    Setting("ita_digits", "digits", "รูปแบบตัวเลขในเอกสาร", kind="choice", choices="digits"),
    Setting("ita_continuation", "continuation", "หมายเหตุใต้ชื่อรายงาน", required=False,
            help="เช่น ดำเนินการต่อเนื่องจากปีงบประมาณ พ.ศ. ๒๕๖๔ (เว้นว่างได้)"),
    Setting("ita_memo_ref", "memo_ref", "ที่ (เลขที่หนังสือ)"),
    Setting("ita_memo_date", "memo_date", "วันที่ของบันทึกข้อความ", kind="date"),
    Setting("ita_subject", "subject", "เรื่อง", kind="longtext"),
    Setting("ita_addressee", "addressee", "เรียน", help="เช่น นายกเทศมนตรีตำบลเมืองหงส์"),
    Setting("ita_closing", "closing", "คำลงท้าย (ถ้ามี)", required=False,
            help="บันทึกข้อความโดยทั่วไปไม่มีคำลงท้าย เว้นว่างได้"),
    Setting("ita_preface", "preface", "คำนำ", kind="longtext",
            help="ขึ้นย่อหน้าใหม่ด้วย Alt+Enter"),
    Setting("ita_preface_signer", "preface_signer", "ผู้ลงท้ายคำนำ",
            help="เช่น สำนักงานเทศบาลตำบลเมืองหงส์"),
    Setting("ita_preface_date", "preface_date", "เดือนปีของคำนำ", kind="month"),
    # The report's own words: its title and section headings (captions stay in the template).
    Setting("ita_report_title", "report_title", "ชื่อรายงาน (หน้าปก)",
            required=False, optional_in_file=True, default=REPORT_TITLE,
            help="เว้นว่าง = ชื่อเดิมของรายงาน; ปีงบประมาณและรอบพิมพ์ต่อท้ายให้เอง"),
    Setting("ita_heading_scores", "heading_scores", "หัวข้อ: ผลการประเมิน", required=False,
            optional_in_file=True, default=HEADING_SCORES,
            help="หัวข้อเหนือตารางคะแนน (พิมพ์เมื่อกรอกคะแนนในแผ่นงานตัวชี้วัด)"),
    Setting("ita_heading_analysis", "heading_analysis", "หัวข้อ: การวิเคราะห์และมาตรการ",
            required=False, optional_in_file=True, default=HEADING_ANALYSIS,
            help="หัวข้อเหนือย่อหน้าวิเคราะห์และตารางมาตรการ"),
    Setting("ita_heading_results", "heading_results", "หัวข้อ: ผลการดำเนินการ", required=False,
            optional_in_file=True, default=HEADING_RESULTS,
            help="หัวข้อเหนือตารางผลการดำเนินการตามมาตรการ"),
    Setting("ita_pass_mark", "pass_mark", "เกณฑ์ผ่าน (คะแนน)", kind="number",
            sheet=SHEET_INDICATORS),
    Setting("ita_unit", "unit", "หน่วยที่นับ (ตัวชี้วัด/เครื่องมือ)", kind="choice", choices="unit",
            required=False, sheet=SHEET_INDICATORS, optional_in_file=True,
            help="เว้นว่าง = ตามกรอบการประเมินของปีงบประมาณ (ita_xl/data/frameworks)"),
    Setting("ita_overall_score", "overall_score", "คะแนนรวมปีที่ผ่านมา (ถ้ามี)", kind="number",
            required=False, sheet=SHEET_INDICATORS, optional_in_file=True),
    Setting("ita_overall_grade", "overall_grade", "ระดับ/ผลการประเมินปีที่ผ่านมา (ถ้ามี)",
            kind="choice", choices="grade", required=False, sheet=SHEET_INDICATORS,
            optional_in_file=True, help="เช่น AA หรือ ผ่านดีเยี่ยม"),
    Setting("ita_item_measures", "item_measures", "ข้อ OIT ของมาตรการ (ถ้ามี)", required=False,
            sheet=SHEET_INDICATORS, optional_in_file=True, help="เช่น O42"),
    Setting("ita_item_results", "item_results", "ข้อ OIT ของผลการดำเนินการ (ถ้ามี)",
            required=False, sheet=SHEET_INDICATORS, optional_in_file=True, help="เช่น O43"),
    Setting("ita_writer_name", "writer_name", "ผู้เขียนบันทึก: ชื่อ-สกุล", sheet=SHEET_PEOPLE,
            help="ไม่ต้องใส่วงเล็บ"),
    Setting("ita_writer_position", "writer_position", "ผู้เขียนบันทึก: ตำแหน่ง",
            sheet=SHEET_PEOPLE),
    Setting("ita_preparer_name", "preparer_name", "ผู้จัดทำรายงาน: ชื่อ-สกุล", sheet=SHEET_PEOPLE),
    Setting("ita_preparer_position", "preparer_position", "ผู้จัดทำรายงาน: ตำแหน่ง",
            sheet=SHEET_PEOPLE),
)

CHAIN = TableSpec(
    "Chain", SHEET_PEOPLE, "ลำดับการเสนอแฟ้ม (ผู้บังคับบัญชาตามลำดับ)",
    (
        Column("label", "ข้อความนำ", width=42),
        Column("rank", "ยศ/คำนำหน้า", required=False, width=14),
        Column("name", "ชื่อ-สกุล", width=26),
        Column("position", "ตำแหน่ง", width=34),
    ),
)

LEVELS = TableSpec(
    "Levels", SHEET_INDICATORS, "ระดับของประเด็นที่ต้องพัฒนา",
    (
        Column("level", "ระดับ", kind="int", width=8),
        Column("description", "คำอธิบายระดับ", kind="longtext", width=50),
    ),
    min_rows=0,  # levels are optional: none when nothing fell short, or short units unleveled
)

INDICATORS = TableSpec(
    "Indicators", SHEET_INDICATORS, "ผลการประเมินปีที่ผ่านมา แยกตามตัวชี้วัด",
    (
        Column("number", "ลำดับ", kind="int", width=8),
        Column("name", "ตัวชี้วัด", width=34),
        Column("group", "กลุ่ม", kind="choice", choices="group", required=False, width=9),
        Column("score", "คะแนน", kind="number", required=False, width=12),
        Column("short", "ไม่ผ่านเกณฑ์", kind="choice", choices="yesno", width=15),
        Column("level", "ระดับที่ต้องพัฒนา", kind="int", choices="level", required=False,
               width=18),
    ),
)

PLAN = TableSpec(
    "Plan", SHEET_PLAN, "แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    (
        Column("measure", "มาตรการ", kind="longtext", width=30),
        Column("guideline", "แนวทางการปฏิบัติ", kind="longtext", width=45),
        Column("steps", "ขั้นตอน/วิธีการปฏิบัติ", kind="longtext", width=45),
        Column("owner", "ผู้รับผิดชอบ", choices="offices", width=16),
        Column("monitoring", "การกำกับติดตาม", kind="longtext", width=28),
        Column("budget", "งบประมาณ (บาท)", kind="amount", required=False, width=16),
    ),
)

RESULTS = TableSpec(
    "Results", SHEET_RESULTS, "ผลการดำเนินการตามมาตรการ",
    (
        # choices "measures": a dropdown of the plan's measures (not a list on the lists sheet)
        Column("measure", "มาตรการ", kind="longtext", choices="measures", width=30),
        Column("details", "รายละเอียดการดำเนินงาน", kind="longtext", width=45),
        Column("start", "ระยะเวลา: เดือนที่เริ่ม", kind="month", width=18),
        Column("end", "ระยะเวลา: ถึงเดือน", kind="month", required=False, width=16),
        Column("output", "ผลผลิต", kind="longtext", width=30),
        Column("outcome", "ผลลัพธ์", kind="longtext", width=34),
        Column("remarks", "หมายเหตุ", kind="longtext", required=False, width=16),
        Column("budget", "งบประมาณที่ใช้ (บาท)", kind="amount", required=False, width=16),
        Column("round", "รอบ", kind="choice", choices="round", required=False, width=14),
    ),
)

IMPROVEMENTS = TableSpec(
    "Improvements", SHEET_INDICATORS, "ประเด็นที่ต้องพัฒนาแยกตามเครื่องมือ (ถ้ามี พิมพ์ในรายงาน)",
    (
        # Widths fit the indicators table above it on the same sheet (its ลำดับ and ตัวชี้วัด
        # columns): a wider column here would squeeze the clerk's columns of that table.
        Column("tool", "เครื่องมือ/ตัวชี้วัด", width=12),
        Column("point", "ประเด็นที่ต้องพัฒนา", kind="longtext", width=50),
    ),
    min_rows=0, optional_in_file=True,
)

TABLES: tuple[TableSpec, ...] = (CHAIN, LEVELS, INDICATORS, IMPROVEMENTS, PLAN, RESULTS)

# Excel number formats.  [$-th-TH,107] would be the modern spelling; the LCID form below is the
# one every Excel since 2007 and LibreOffice read: 107 = Thai Buddhist calendar, 041E = Thai.
DATE_FORMAT = "[$-107041E]d mmmm yyyy;@"
MONTH_FORMAT = "[$-107041E]mmmm yyyy;@"
# Scores and the pass mark: two decimals, as the NACC publishes them (72.40).  The documents
# print a number cell with the decimals its format shows; this is what a fresh tracker has.
SCORE_FORMAT = "0.00"

# Sheet order of a fresh tracker.
SHEETS: tuple[str, ...] = (SHEET_SETTINGS, SHEET_PEOPLE, SHEET_INDICATORS, SHEET_PLAN,
                           SHEET_RESULTS, SHEET_LISTS)

SETTINGS_BY_FIELD = {s.field: s for s in SETTINGS}


def table_spec(name: object) -> TableSpec | None:
    """The table called ``name``, compared as Excel compares table names (case-insensitive)."""
    wanted = str(name).strip().lower()
    return next((t for t in TABLES if t.name.lower() == wanted), None)

# The Excel side (ribbon and xlwings functions).  These sheets are not read by the reader.
# The check sheet takes the findings of the ribbon's ตรวจสอบข้อมูล button (below the header at
# the defined name CHECK_RESULTS_NAME) and holds the live ITA_FINDINGS formula.
SHEET_CHECK = "ตรวจสอบ"
CHECK_CODE_NAME = "shCheck"
CHECK_RESULTS_NAME = "ita_check_results"  # the first header cell of the button's findings
CHECK_RESULTS_HEADERS = ("ลำดับ", "ระดับ", "รหัส", "ตำแหน่ง", "ปัญหา", "Problem (English)")
# xlwings reads its settings from a sheet with exactly this name (keys in A, values in B).
SHEET_XLWINGS_CONF = "xlwings.conf"
XLWINGS_CONF_CODE_NAME = "shXlwingsConf"

# Warnings the clerk has reviewed (a small table on the check sheet): code, and the cell as the
# report names it ("ผลการดำเนินงาน!A5"; blank = that code everywhere).  Not one of TABLES: the
# documents and the checks do not read it, an older tracker without it is fine, and only
# warnings can be acknowledged.
ACKNOWLEDGED = TableSpec(
    "Acknowledged", SHEET_CHECK, "คำเตือนที่ตรวจแล้ว ไม่ต้องแสดงซ้ำ (รหัส และตำแหน่ง เช่น ผลการดำเนินงาน!A5)",
    (
        Column("code", "รหัส", width=11),
        Column("cell", "ตำแหน่ง", required=False, width=24),
        Column("note", "หมายเหตุ", required=False, width=30),
    ),
    min_rows=0,
)
ACKNOWLEDGED_TOP = (4, 17)  # row, column (Q) of its title on the check sheet

TABLES_BY_NAME = {t.name: t for t in (*TABLES, ACKNOWLEDGED)}
