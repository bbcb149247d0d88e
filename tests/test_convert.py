"""Word to PDF with LibreOffice: TH SarabunPSK metrics, the right font, the exact Thai text.

Expected geometry (TH SarabunPSK: ascent 850 + descent 250 per 1000 em, see test_fonts.py):
single-spaced 16 pt lines are 17.6 pt apart; A4 (841.89 pt) minus 2.5 cm top and 2 cm bottom
margins leaves 714.3 pt, i.e. 40 lines on the first page and the 41st on a second page.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from support.documents import make_docx

from ita_xl import convert
from ita_xl.convert import ConversionError, to_pdf
from ita_xl.errors import ItaError

LINE_PT = 16 * 1.1
FALLBACKS = ("Laksaman", "Loma", "DejaVu", "Garuda", "Norasi", "Kinnari", "Waree", "Umpush",
             "Sawasdee", "Purisa", "Tlwg", "Liberation", "Noto", "Sarabun-")

# ~30 lines of memo/report Thai (written for this test) with tone marks, upper and lower vowels,
# ญ/ฐ with their tails cut under lower vowels, sara am, Thai and Arabic digits and some Latin.
THAI_LINES = [
    "บันทึกข้อความ",
    "ส่วนราชการ สำนักปลัด เทศบาลตำบลเมืองหงส์ โทร. ๐ ๔๓๕๖ ๗๘๙๐",
    "ที่ รอ ๕๑๒๐๑/๒๕๖๕ วันที่ ๑ มีนาคม ๒๕๖๕",
    "เรื่อง รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "เรียน นายกเทศมนตรีตำบลเมืองหงส์",
    "ตามที่สำนักงาน ป.ป.ช. ได้ประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี",
    "งบประมาณ พ.ศ. ๒๕๖๔ หน่วยงานได้คะแนน ๘๒.๕๐ คะแนน อยู่ในระดับ B",
    "ซึ่งต่ำกว่าเกณฑ์ที่กำหนดไว้ ๘๕ คะแนน จำนวน ๔ ตัวชี้วัด จากทั้งหมด ๑๐ ตัวชี้วัด",
    "ได้แก่ การใช้ทรัพย์สินของราชการ การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน และการปรับปรุงการทำงาน",
    "เพื่อให้การดำเนินงานเป็นไปด้วยความเรียบร้อย กตัญญูกตเวที",
    "ฐานข้อมูลกลางของหน่วยงาน ญาติพี่น้อง ฎีกา ฏ ฤดูฝน ฤๅษี",
    "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ ผ่านเว็บไซต์ www.example.go.th",
    "ขั้นตอนที่ ๑. จัดทำประกาศเจตนารมณ์ ๒. ประชุมชี้แจง ๓. ติดตามผล",
    "ผู้รับผิดชอบ สำนักปลัด กองคลัง กองช่าง กองการศึกษา",
    "การกำกับติดตาม รอบ ๖ เดือน และรอบ ๑๒ เดือน",
    "ผลผลิต: ร้อยละ 100 ของบุคลากรเข้าร่วมกิจกรรม",
    "ผลลัพธ์: บุคลากรมีความรู้ความเข้าใจเพิ่มขึ้น 95%",
    "หมายเหตุ ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๕",
    "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดอนุมัติให้เผยแพร่",
    "(นางสาวสมใจ ใฝ่ดี)",
    "นักวิเคราะห์นโยบายและแผนชำนาญการ",
    "ทราบ/ความเห็นของหัวหน้าสำนักปลัด",
    "จ.อ. สมศักดิ์ รักษ์ถิ่น",
    "ความเห็นของปลัดเทศบาล",
    "ว่าที่ร้อยตรี ปิยะ ศรีสุข",
    "น้ำ ปั้น ป่า ฟ้า ฝั่ง ปี่ ผู้ ครู ศึกษา ปฏิบัติ ฬ ฮ ฃ ฅ",
    "ราคา ๑,๒๕๐ บาท (หนึ่งพันสองร้อยห้าสิบบาทถ้วน) ฯลฯ ๆ",
    "Integrity and Transparency Assessment 2022",
    "๐๑๒๓๔๕๖๗๘๙ 0123456789",
]


# --- helpers -------------------------------------------------------------------------------------


def numbered(n: int) -> list[str]:
    return [f"บรรทัดที่ {i + 1} การประเมินคุณธรรมและความโปร่งใส ๑๒๓ ITA" for i in range(n)]


def run(*cmd) -> str:
    return subprocess.run(list(map(str, cmd)), capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))


def pdf_fonts(pdf: Path) -> list[str]:
    return [line.split()[0].split("+", 1)[-1]
            for line in run("pdffonts", pdf).splitlines()[2:] if line.strip()]


def words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, text) of every word on the first page."""
    out = run("pdftotext", "-f", 1, "-l", 1, "-bbox", pdf, "-")
    return [(float(a), float(b), float(c), t) for a, b, c, t in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        out)]


def line_pitch(pdf: Path) -> float:
    ys = sorted({round(y, 2) for _x, y, _x2, t in words(pdf) if t == "บรรทัดที่"})
    gaps = [b - a for a, b in zip(ys, ys[1:])]
    return sum(gaps) / len(gaps)


def system_fc_match(family: str) -> str:
    if not shutil.which("fc-match"):
        return ""
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    return subprocess.run(["fc-match", "--format", "%{family[0]}", family], capture_output=True,
                          text=True, env=env).stdout


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")


# --- conversions shared by several tests ------------------------------------------------------------
@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """One soffice call for three documents, with our fonts; the 40-line one again without."""
    src = tmp_path_factory.mktemp("docx")
    docs = {
        "thai": make_docx(src / "thai.docx", THAI_LINES, bold=frozenset({0, 3})),
        "forty": make_docx(src / "forty.docx", numbered(40)),
        "fortyone": make_docx(src / "fortyone.docx", numbered(41)),
    }
    out = tmp_path_factory.mktemp("pdf")
    calls = []
    real = convert._run_soffice

    def counting(soffice, files, *args, **kwargs):
        calls.append(list(files))
        return real(soffice, files, *args, **kwargs)

    convert._run_soffice = counting
    try:
        t0 = time.perf_counter()
        pdfs = to_pdf(list(docs.values()), out)
        elapsed = time.perf_counter() - t0
    finally:
        convert._run_soffice = real
    plain = to_pdf([docs["forty"]], tmp_path_factory.mktemp("plain"), use_fonts=False)[0]
    from ita_xl.fonts import ensure_fonts
    return {"pdfs": dict(zip(docs, pdfs)), "out": out, "calls": calls, "plain": plain,
            "setup": ensure_fonts(), "elapsed": elapsed}


@pytest.mark.soffice
def test_three_files_in_one_soffice_call(converted):
    assert len(converted["calls"]) == 1 and len(converted["calls"][0]) == 3
    pdfs = converted["pdfs"]
    assert [p.name for p in pdfs.values()] == ["thai.pdf", "forty.pdf", "fortyone.pdf"]
    for pdf in pdfs.values():
        assert pdf.parent == converted["out"] and pdf.read_bytes()[:5] == b"%PDF-"
    leftovers = [p.name for p in converted["out"].iterdir() if p.suffix != ".pdf"]
    assert not leftovers, "the temporary conversion folder must be gone"


@pytest.mark.soffice
@needs_poppler
def test_pdf_is_a4(converted):
    info = run("pdfinfo", converted["pdfs"]["thai"])
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(w), round(h)) == (595, 842)


@pytest.mark.soffice
@needs_poppler
def test_only_the_intended_font_is_embedded(converted):
    family = converted["setup"].family.replace(" ", "")
    for name, pdf in converted["pdfs"].items():
        embedded = pdf_fonts(pdf)
        assert embedded, name
        assert all(f.replace(" ", "").startswith(family) for f in embedded), (name, embedded)
        assert not [f for f in embedded if any(b.lower() in f.lower() for b in FALLBACKS)
                    and not f.replace(" ", "").startswith(family)]


@pytest.mark.soffice
@needs_poppler
def test_bold_uses_the_bold_face(converted):
    family = converted["setup"].family.replace(" ", "")
    assert sorted(set(pdf_fonts(converted["pdfs"]["thai"]))) == [f"{family}-Bold",
                                                                 f"{family}-Regular"]


@pytest.mark.soffice
@needs_poppler
def test_thai_text_comes_back_exactly(converted):
    text = run("pdftotext", "-raw", converted["pdfs"]["thai"], "-")
    assert "\ufffd" not in text
    assert not [c for c in text if 0xE000 <= ord(c) <= 0xF8FF], "private-use characters"
    squash = re.compile(r"\s+")
    assert squash.sub("", text) == squash.sub("", "".join(THAI_LINES))


@pytest.mark.soffice
@needs_poppler
def test_page_count_and_line_height_follow_th_sarabunpsk(converted):
    pdfs = converted["pdfs"]
    assert pages(pdfs["thai"]) == 1
    assert pages(pdfs["forty"]) == 1
    assert pages(pdfs["fortyone"]) == 2
    assert line_pitch(pdfs["forty"]) == pytest.approx(LINE_PT, rel=0.03)


@pytest.mark.soffice
@needs_poppler
def test_widths_in_the_pdf_follow_th_sarabunpsk(converted):
    found = {t: x2 - x1 for x1, _y, x2, t in words(converted["pdfs"]["thai"])}
    assert found["0123456789"] == pytest.approx(10 * 362 * 16 / 1000, rel=0.03)
    assert found["๐๑๒๓๔๕๖๗๘๙"] == pytest.approx(10 * 449 * 16 / 1000, rel=0.03)


@pytest.mark.soffice
@needs_poppler
def test_without_our_fontconfig_the_document_grows(converted):
    """The contrast that shows the fix: the system's substitute for TH SarabunPSK is too big."""
    system = system_fc_match("TH SarabunPSK")
    if not system or system == "TH SarabunPSK":
        pytest.skip(f"system fontconfig gives {system!r}: nothing to contrast with")
    plain = converted["plain"]
    assert pages(plain) > pages(converted["pdfs"]["forty"]) == 1
    assert line_pitch(plain) > 1.2 * LINE_PT
    assert not any(converted["setup"].family.replace(" ", "") in f for f in pdf_fonts(plain))


@pytest.mark.soffice
def test_existing_pdf_is_replaced_and_thai_file_names_work(tmp_path):
    src = make_docx(tmp_path / "บันทึกข้อความ ITA.docx", numbered(3))
    out = tmp_path / "out"
    out.mkdir()
    (out / "บันทึกข้อความ ITA.pdf").write_bytes(b"old")
    [pdf] = to_pdf([src], out)
    assert pdf == out / "บันทึกข้อความ ITA.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in out.iterdir()) == [pdf.name]


@pytest.mark.soffice
def test_corrupt_docx_fails_by_name_and_leaves_no_pdf(tmp_path):
    good = make_docx(tmp_path / "good.docx", numbered(2))
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(os.urandom(4096))  # LibreOffice would "convert" this as plain text
    broken = tmp_path / "broken.docx"  # a valid zip whose document.xml is cut in half
    import zipfile
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    out = tmp_path / "out"
    with pytest.raises(ConversionError) as info:
        to_pdf([garbage, good, broken], out)
    err = info.value
    assert isinstance(err, ItaError)
    assert "garbage.docx" in str(err) and "broken.docx" in str(err)
    assert err.failed == [garbage, broken]
    assert err.converted == [out / "good.pdf"]
    assert sorted(p.name for p in out.iterdir()) == ["good.pdf"]


def test_missing_soffice_is_a_thai_first_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_XL_SOFFICE", str(tmp_path / "no" / "soffice"))
    src = make_docx(tmp_path / "a.docx", ["ทดสอบ"])
    with pytest.raises(ConversionError) as info:
        to_pdf([src], tmp_path / "out")
    text = str(info.value)
    first = next(c for c in text if not c.isspace())
    assert "\u0e00" <= first <= "\u0e7f", text
    assert text.index("ไม่พบโปรแกรม LibreOffice") < text.index("LibreOffice not found")
    assert "apt-get install libreoffice-writer-nogui" in text
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_missing_input_and_clashing_names(tmp_path, monkeypatch):
    with pytest.raises(ConversionError) as info:
        to_pdf([tmp_path / "nothing.docx"], tmp_path / "out")
    assert "nothing.docx" in str(info.value)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = make_docx(tmp_path / "a" / "memo.docx", ["ก"])
    two = make_docx(tmp_path / "b" / "memo.docx", ["ข"])
    with pytest.raises(ConversionError, match="memo.pdf"):
        to_pdf([one, two], tmp_path / "out")
    assert to_pdf([], tmp_path / "out") == []


def test_retry_once_for_files_that_did_not_come_out(tmp_path, monkeypatch):
    """First soffice run times out having written one PDF; the retry gets only the other."""
    docs = [make_docx(tmp_path / f"d{i}.docx", [f"ก{i}"]) for i in range(2)]
    calls = []

    def fake(soffice, files, workdir, limit, fonts):
        # LibreOffice gets numbered copies (no name can confuse it); the content tells them apart
        calls.append(([f.read_bytes() for f in files], limit))
        if len(calls) == 1:
            (workdir / f"{files[0].stem}.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 200)
            return "timeout", ""
        for f in files:
            (workdir / f"{f.stem}.pdf").write_bytes(b"%PDF-1.7\n" + b"y" * 200)
        return "ok", ""

    monkeypatch.setattr(convert, "_run_soffice", fake)
    monkeypatch.setattr(convert, "find_soffice", lambda: Path("/fake/soffice"))
    out = tmp_path / "out"
    assert to_pdf(docs, out, use_fonts=False) == [out / "d0.pdf", out / "d1.pdf"]
    assert [c[0] for c in calls] == [[d.read_bytes() for d in docs], [docs[1].read_bytes()]]
    assert (out / "d0.pdf").read_bytes().endswith(b"x" * 200)
    assert calls[0][1] == convert.BASE_TIMEOUT + 2 * convert.PER_FILE_TIMEOUT

    calls.clear()

    def always_times_out(soffice, files, workdir, limit, fonts):
        calls.append([f.name for f in files])
        return "timeout", ""

    monkeypatch.setattr(convert, "_run_soffice", always_times_out)
    with pytest.raises(ConversionError, match="timeout"):
        to_pdf(docs, tmp_path / "out2", timeout=5, use_fonts=False)
    assert len(calls) == 2
    assert not (tmp_path / "out2").exists() or not list((tmp_path / "out2").iterdir())


def test_large_batches_are_split(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "CHUNK_SIZE", 2)
    docs = [make_docx(tmp_path / f"d{i}.docx", ["ก"]) for i in range(5)]
    sizes = []

    def fake(soffice, files, workdir, limit, fonts):
        sizes.append(len(files))
        for f in files:
            (workdir / f"{f.stem}.pdf").write_bytes(b"%PDF-1.7\n" + b"y" * 200)
        return "ok", ""

    monkeypatch.setattr(convert, "_run_soffice", fake)
    monkeypatch.setattr(convert, "find_soffice", lambda: Path("/fake/soffice"))
    assert len(to_pdf(docs, tmp_path / "out", use_fonts=False)) == 5
    assert sizes == [2, 2, 1]


@pytest.mark.soffice
def test_real_timeout_kills_soffice_and_reports(tmp_path):
    src = make_docx(tmp_path / "slow.docx", numbered(5))
    t0 = time.perf_counter()
    with pytest.raises(ConversionError, match="timeout"):
        to_pdf([src], tmp_path / "out", timeout=0.3)
    assert time.perf_counter() - t0 < 30
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
