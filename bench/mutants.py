"""Mutation run: plant one plausible bug at a time and see whether the tests notice.

Run by hand, not in CI (it takes a while on a shared 2-core machine):

    python3 bench/mutants.py              # every mutant; a table, then the kill rate
    python3 bench/mutants.py --list       # the mutants, without running anything
    python3 bench/mutants.py C1 R1        # only these
    python3 bench/mutants.py --check      # every mutant still applies to the code (fast)

The checkout (its tracked and untracked-but-not-ignored files) is copied once to a temporary
folder; each mutant replaces one snippet of source text there (the snippet must occur exactly
once, or the run stops and names it: a mutant that no longer applies is reported, never
silently skipped), the mutant's test files run (``pytest -x``), and the file is restored.
A mutant is *killed* when a test fails (or the run times out), *survived* when every selected
test passes.  Before the mutants, every test selection runs once on the unmutated copy: a
selection that is already red would "kill" everything, so the run stops.

The mutants are bugs of the kinds that change what a document or a finding says: the modules
that decide it (meaning, thai, reader, context, checks/rules, output, convert, carryover,
importer).  Each runs only the tests of its area, so a mutant that survives here might still
be killed by the whole suite; the figure is therefore a lower bound.  A mutant shown to be
equivalent (no input can tell it from the original) says why and is left out of the rate.

Bytecode is not written (``PYTHONDONTWRITEBYTECODE``): a mutant of the same size as the
original, written within the same second, could otherwise run from a stale ``.pyc``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Test selections per area; a mutant runs its area's files (plus any it names itself).
T = {
    "meaning": ["tests/test_meaning.py", "tests/test_model.py", "tests/test_context.py"],
    "thai": ["tests/test_thai.py", "tests/test_model.py", "tests/test_context.py"],
    "reader": ["tests/test_reader.py", "tests/test_reader_odd.py"],
    "context": ["tests/test_context.py", "tests/test_render.py"],
    "rules": ["tests/test_checks_rules.py", "tests/test_checks_engine.py"],
    "output": ["tests/test_output.py"],
    "convert": ["tests/test_convert_faults.py"],
    "carryover": ["tests/test_carryover.py"],
    "importer": ["tests/test_importer.py"],
}
# The Windows lane never runs here; the 10,000-row test is no use for a planted bug.
DESELECT = "not windows and not slow"


@dataclass
class Mutant:
    id: str
    path: str
    old: str
    new: str
    area: str
    what: str
    extra: list[str] = field(default_factory=list)
    equivalent: str = ""  # why no input can tell it from the original (then not counted)

    @property
    def tests(self) -> list[str]:
        return list(dict.fromkeys(T[self.area] + self.extra))


M = Mutant
MUTANTS: list[Mutant] = [
    # --- meaning ----------------------------------------------------------------------------
    M("N1", "ita_xl/meaning.py",
      "return digits_setting(value) is not False",
      "return digits_setting(value) is True",
      "meaning", "an unknown digits setting prints Arabic digits (under --force)"),
    M("N2", "ita_xl/meaning.py",
      "if isinstance(value, float) and value.is_integer():\n        value = int(value)\n"
      "    text = _SPACE.sub(",
      "if isinstance(value, float):\n        value = int(value)\n    text = _SPACE.sub(",
      "meaning", "level 1.5 matched as level 1 between indicators and the levels table"),
    M("N3", "ita_xl/meaning.py",
      'YES_WORDS = ("ใช่", "yes", "y", "true")',
      'YES_WORDS = ("ใช่", "yes", "y")',
      "meaning", "\"TRUE\" typed in ไม่ผ่านเกณฑ์ no longer means yes"),
    M("N4", "ita_xl/meaning.py",
      "if len(numbers) == 1 and int(numbers[0]) in ROUNDS:",
      "if numbers and int(numbers[0]) in ROUNDS:",
      "meaning", "a round \"6/12\" read as the 6-month round"),
    M("N5", "ita_xl/meaning.py",
      'return _SPACE.sub("", unicodedata.normalize("NFC", value)).casefold()',
      'return _SPACE.sub("", unicodedata.normalize("NFC", value))',
      "meaning", "\"Yes\", \"THAI\" not recognised (case kept)"),
    M("N6", "ita_xl/meaning.py",
      "    if isinstance(value, bool):\n        return None\n    if isinstance(value, (int, float)):\n"
      "        return float(value)",
      "    if isinstance(value, (int, float)):\n        return float(value)",
      "meaning", "a TRUE in a score cell read as the score 1"),
    # --- thai -------------------------------------------------------------------------------
    M("H1", "ita_xl/thai.py",
      '_INVISIBLE = re.compile("[\\u200b\\u200c',
      '_INVISIBLE = re.compile("[\\u200c',
      "thai", "zero-width spaces kept in comparisons (a header with one is refused)",
      extra=["tests/test_reader.py", "tests/test_checks_rules.py"]),
    M("H2", "ita_xl/thai.py",
      "return dt.date(year_ce - 1, 10, 1), dt.date(year_ce, 9, 30)",
      "return dt.date(year_ce - 1, 11, 1), dt.date(year_ce, 9, 30)",
      "thai", "the fiscal year starts in November (October outside it)",
      extra=["tests/test_checks_rules.py"]),
    M("H3", "ita_xl/thai.py",
      "return dt.date(year_ce, 3, 31) if months == 6",
      "return dt.date(year_ce, 2, 28) if months == 6",
      "thai", "the 6-month round ends in February (March flagged after the round)",
      extra=["tests/test_checks_rules.py"]),
    M("H4", "ita_xl/thai.py",
      'return digits(f"{date.day} {THAI_MONTHS[date.month - 1]} {date.year + BE_OFFSET}", thai)',
      'return digits(f"{date.day} {THAI_MONTHS[date.month - 1]} {date.year}", thai)',
      "thai", "the memo date printed with the C.E. year"),
    M("H5", "ita_xl/thai.py",
      'return digits(f"{THAI_MONTHS[date.month - 1]} {date.year + BE_OFFSET}", thai)',
      'return digits(f"{THAI_MONTHS[date.month % 12]} {date.year + BE_OFFSET}", thai)',
      "thai", "months printed one month late (มีนาคม for February)"),
    M("H6", "ita_xl/thai.py",
      'if "\\u0e4d" in text else text',
      'if "\\u0e4e" in text else text',
      "thai", "ำ typed as ํ + า not composed for comparisons"),
    M("H7", "ita_xl/thai.py",
      "(2500 + year - BE_OFFSET, True)",
      "(2400 + year - BE_OFFSET, True)",
      "thai", "a two-digit year \"65\" read as 2465"),
    M("H8", "ita_xl/thai.py",
      "return TextDate(date, day is not None, year[1])",
      "return TextDate(date, True, year[1])",
      "thai", "a month without a day (\"มี.ค. 2565\") accepted in a date cell",
      extra=["tests/test_reader.py"]),
    M("H9", "ita_xl/thai.py",
      "    text = to_arabic_digits(text)\n    return _SPACES",
      "    return _SPACES",
      "thai", "Thai and Arabic digits differ in comparisons",
      extra=["tests/test_checks_rules.py"]),
    M("H10", "ita_xl/thai.py",
      "if isinstance(value, float) and value.is_integer():\n        value = int(value)\n"
      '    text = "" if value is None',
      "if isinstance(value, float):\n        value = int(value)\n"
      '    text = "" if value is None',
      "thai", "a score 85.5 printed as 85"),
    # --- reader -----------------------------------------------------------------------------
    M("R1", "ita_xl/reader.py",
      "if isinstance(value, float) and value.is_integer():\n            return int(value)",
      "if isinstance(value, float):\n            return int(value)",
      "reader", "a level typed 1.5 silently read as level 1"),
    M("R2", "ita_xl/reader.py",
      "return normalise_compact(str(text)) if text is not None",
      "return str(text).strip() if text is not None",
      "reader", "headers compared with their spaces (\"ผู้รับ ผิดชอบ\" refused)"),
    M("R3", "ita_xl/reader.py",
      "if all(blank(v) for v in values):",
      "if all(v is None for v in values):",
      "reader", "a row of spaces read as a record"),
    M("R4", "ita_xl/reader.py",
      "max_row -= totals",
      "max_row -= 0",
      "reader", "Excel's Total Row read as a data row"),
    M("R5", "ita_xl/reader.py",
      'if meant is not None and (meant.has_day or kind == "month"):',
      "if meant is not None:",
      "reader", "a month without a day accepted as a memo date (the 1st)"),
    M("R6", "ita_xl/reader.py",
      "if isinstance(value, str) and isinstance(converted, dt.date):\n        return converted, value",
      "if isinstance(value, str) and isinstance(converted, dt.date):\n        return converted, None",
      "reader", "a date typed as text read silently (no ITA110)",
      extra=["tests/test_checks_rules.py"]),
    M("R7", "ita_xl/reader.py",
      "hidden = {r for r, dim in ws.row_dimensions.items() if dim.hidden}",
      "hidden = {r for r, dim in ws.row_dimensions.items() if not dim.hidden}",
      "reader", "hidden rows not listed (visible ones listed instead)",
      extra=["tests/test_checks_rules.py"]),
    M("R8", "ita_xl/reader.py",
      "return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)",
      "return value",
      "reader", "Excel's _x000B_ escapes printed as typed"),
    # --- context ----------------------------------------------------------------------------
    M("C1", "ita_xl/context.py",
      "own = [r for r in rows if r.round_months != 12]",
      "own = [r for r in rows if r.round_months == 6]",
      "context", "a 6-month report silently drops results rows with no round"),
    M("C2", "ita_xl/context.py",
      "if last is not None and (last.year, last.month) == (first.year, first.month):",
      "if last is not None and last.month == first.month:",
      "context", "a period December to December printed as one month (under --force)"),
    M("C3", "ita_xl/context.py",
      "twelve = [r for r in rows if r.round_months != 6]",
      "twelve = [r for r in rows if r.round_months == 12]",
      "context", "a 12-month report drops results rows with no round"),
    M("C4", "ita_xl/cleaning.py",
      '.replace("\\x0b", "\\n")',
      '.replace("\\x0b", "")',
      "context", "Excel's in-cell line break (vertical tab) lost"),
    M("C5", "ita_xl/context.py",
      'else f"{int(value):,}"',
      'else f"{int(value)}"',
      "context", "budgets without thousands separators"),
    M("C6", "ita_xl/context.py",
      'return " และ".join(names) if len(names) <= 2 else',
      'return " และ".join(names) if len(names) <= 1 else',
      "context", "two names joined by the many-names branch",
      equivalent="for two names both branches give \"ก และข\"; for one or none both give the "
                 "name or \"\""),
    M("C7", "ita_xl/context.py",
      'overall_score = score_text(s.overall_score, s.shown.get("overall_score"), thai)',
      'overall_score = score_text(s.overall_score, s.shown.get("overall_score"), True)',
      "context", "the overall score in Thai digits whatever the setting"),
    M("C8", "ita_xl/context.py",
      '"short_count": PLACEHOLDER if unmarked else digits(len(short), thai),',
      '"short_count": PLACEHOLDER if unmarked else digits(len(tracker.indicators), thai),',
      "context", "the memo counts every indicator as short"),
    M("C9", "ita_xl/context.py",
      'key = normalise_compact(item["measure"])',
      'key = item["measure"]',
      "context", "rows of one measure spelled with a space apart not merged"),
    M("C10", "ita_xl/context.py",
      '"fiscal_year": p.clean(digits(s.fiscal_year, thai)',
      '"fiscal_year": p.clean(digits(s.fiscal_year, True)',
      "context", "the fiscal year in Thai digits whatever the setting"),
    # --- checks/rules -----------------------------------------------------------------------
    M("K1", "ita_xl/checks/rules/dates.py",
      "if m < first or m > last:",
      "if m <= first or m > last:",
      "rules", "October flagged outside its own fiscal year"),
    M("K2", "ita_xl/checks/rules/dates.py",
      "end_of_round = round_end(fy, months) if months == 6 else None",
      "end_of_round = round_end(fy, months) if months == 12 else None",
      "rules", "months after March not flagged in the 6-month round"),
    M("K3", "ita_xl/checks/rules/dates.py",
      "if start and end and end < start:",
      "if start and end and end <= start:",
      "rules", "a one-month period (start = end) flagged as ending before it starts"),
    M("K4", "ita_xl/checks/rules/dates.py",
      "MEMO_GRACE_DAYS = 92",
      "MEMO_GRACE_DAYS = 0",
      "rules", "a 12-month memo signed in October flagged outside the year"),
    M("K5", "ita_xl/checks/rules/dates.py",
      "if latest is None or memo >= latest[0]:",
      "if latest is None or memo > latest[0]:",
      "rules", "a memo on the 1st of the last activity month flagged as too early"),
    M("K6", "ita_xl/checks/rules/dates.py",
      "        if rec.round_months == 12:\n            ctx.add(ROUND_NOT_REPORTED.code",
      "        if rec.round_months != 6:\n            ctx.add(ROUND_NOT_REPORTED.code",
      "rules", "rows with no round reported as not in the 6-month report"),
    M("K7", "ita_xl/checks/rules/values.py",
      "if c.field in SCORE_FIELDS and not 0 <= value <= 100:",
      "if c.field in SCORE_FIELDS and not 0 <= value < 100:",
      "rules", "a score of 100 reported out of range"),
    M("K8", "ita_xl/checks/rules/indicators.py",
      'levels_in_use = not ctx.has("Levels") or bool(ctx.records("Levels"))',
      "levels_in_use = True",
      "rules", "short indicators without levels are errors even with an empty levels table"),
    M("K9", "ita_xl/checks/rules/indicators.py",
      "below = score < pass_mark",
      "below = score <= pass_mark",
      "rules", "a score equal to the pass mark counted as short"),
    M("K10", "ita_xl/checks/rules/plan.py",
      "if k in last_index and last_index[k] != i - 1:",
      "if k in last_index and last_index[k] != i:",
      "rules", "every repeated measure reported as rows apart"),
    M("K11", "ita_xl/checks/rules/plan.py",
      "            if _row_key(earlier) == _row_key(rec):\n                continue",
      "            if _row_key(earlier) != _row_key(rec):\n                continue",
      "rules", "a measure planned twice reported only when the whole row repeats"),
    # --- output -----------------------------------------------------------------------------
    M("O1", "ita_xl/output.py",
      "_UNSAFE = re.compile(r'[\\x00-\\x1f<>:\"/\\\\|?*\\x7f]')",
      "_UNSAFE = re.compile(r'[\\x00-\\x1f<>:\"\\\\|?*\\x7f]')",
      "output", "a \"/\" in an agency name makes a sub-folder"),
    M("O2", "ita_xl/output.py",
      'if text.split(".")[0].strip().upper() in _RESERVED:',
      "if text.upper() in _RESERVED:",
      "output", "\"CON.docx\" allowed (Windows refuses it)"),
    M("O3", "ita_xl/output.py",
      "if candidate != target and candidate.exists():",
      "if candidate != target and False:",
      "output", "an existing \"… (2).docx\" overwritten by the next locked write"),
    M("O4", "ita_xl/output.py",
      "return not os.access(path, os.W_OK) or not (stat.S_IMODE(mode) & 0o222)",
      "return not os.access(path, os.W_OK)",
      "output", "a read-only document replaced when running as root"),
    # --- convert ----------------------------------------------------------------------------
    M("V1", "ita_xl/convert.py",
      "if key in claimed and claimed[key] != f:",
      "if False:",
      "convert", "two Word files silently converted to one PDF name"),
    M("V2", "ita_xl/convert.py",
      "            broken = archive.testzip()",
      "            broken = None",
      "convert", "a damaged .docx handed to LibreOffice"),
    M("V3", "ita_xl/convert.py",
      "removed, stuck = _remove_stale([target_of[f] for f in failed])",
      "removed, stuck = [], []",
      "convert", "the old PDF of a failed document left beside the new Word file"),
    # --- carryover --------------------------------------------------------------------------
    M("Y1", "ita_xl/carryover.py",
      "digits = str(new) if written.isascii() else to_thai_digits(str(new))",
      "digits = str(new)",
      "carryover", "the new year written in Arabic digits in a Thai-digit subject"),
    M("Y2", "ita_xl/carryover.py",
      'for name, year_from in (("subject", old), ("continuation", old - 1)):',
      'for name, year_from in (("subject", old), ("continuation", old)):',
      "carryover", "the continuation note's year not moved on"),
    M("Y3", "ita_xl/carryover.py",
      'EMPTIED_TABLES = ("Results", "Improvements")',
      'EMPTIED_TABLES = ("Improvements",)',
      "carryover", "last year's results rows carried into the new tracker"),
    M("Y4", "ita_xl/carryover.py",
      'EMPTIED_COLUMNS = {"Indicators": ("score", "short", "level")}',
      'EMPTIED_COLUMNS = {"Indicators": ("score", "level")}',
      "carryover", "last year's ไม่ผ่านเกณฑ์ marks carried (next memo repeats this year's count)"),
    M("Y5", "ita_xl/carryover.py",
      '"memo_ref", "memo_date",',
      '"memo_ref",',
      "carryover", "last year's memo date carried over"),
    M("Y6", "ita_xl/carryover.py",
      "        settings[name] = None\n    for table, fields in EMPTIED_COLUMNS",
      "    for table, fields in EMPTIED_COLUMNS",
      "carryover", "emptied settings listed as emptied but kept"),
    # --- importer ---------------------------------------------------------------------------
    M("I1", "ita_xl/importer/report.py",
      'return "รอบ ๖ เดือน" if months == 6 else "รอบ ๑๒ เดือน"',
      'return "รอบ ๖ เดือน" if months != 6 else "รอบ ๑๒ เดือน"',
      "importer", "an imported 6-month report set to the 12-month round"),
    M("I2", "ita_xl/importer/report.py",
      'INDICATOR_ALIASES = {"การปรับปรุงระบบการทำงาน": "การปรับปรุงการทำงาน"}',
      "INDICATOR_ALIASES = {}",
      "importer", "an indicator under its other name not recognised"),
    # --- a second batch, added after the survivors of the first were killed (not tuned to any
    # test: their outcome is reported as it came) ---------------------------------------------
    M("F1", "ita_xl/meaning.py",
      'NO_WORDS = ("ไม่ใช่", "no", "n", "false")',
      'NO_WORDS = ("ไม่ใช่", "no", "false")',
      "meaning", "\"n\" in ไม่ผ่านเกณฑ์ no longer means no"),
    M("F2", "ita_xl/meaning.py",
      "return int(value) if value in ROUNDS else None",
      "return int(value)",
      "meaning", "a round typed 7 read as a round of 7 months"),
    M("F3", "ita_xl/context.py",
      'if text else f"เดือน {format_month(last, thai)}"',
      'if text else format_month(last, thai)',
      "context", "a period with only an end month printed without เดือน"),
    M("F4", "ita_xl/context.py",
      'text = f"{value:,.2f}" if isinstance(value, float)',
      'text = f"{value:,.1f}" if isinstance(value, float)',
      "context", "a budget with satang printed with one decimal"),
    M("F5", "ita_xl/checks/rules/dates.py",
      "PREFACE_GRACE_DAYS = 366",
      "PREFACE_GRACE_DAYS = 0",
      "rules", "a preface dated after the fiscal year an error"),
    M("F6", "ita_xl/reader.py",
      "            return number",
      "            return float(int(number))",
      "reader", "a score typed as text \"85.5\" read as 85"),
    M("F7", "ita_xl/output.py",
      'suffix = f"({label})" if n == 1 else f"({label} {n})"',
      'suffix = f"({label})"',
      "output", "the numbered folder names of one agency all the same"),
]


def copy_tree(dest: Path) -> None:
    """The checkout's files as git sees them (tracked, and new files not ignored)."""
    names = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard",
                            "-z"], check=True, capture_output=True).stdout.split(b"\0")
    for raw in names:
        if not raw:
            continue
        rel = raw.decode()
        src = ROOT / rel
        if not src.is_file():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def apply(tree: Path, m: Mutant) -> str:
    """Plant ``m`` in ``tree``; return the original text of the file."""
    path = tree / m.path
    text = path.read_text(encoding="utf-8")
    count = text.count(m.old)
    if count != 1:
        raise SystemExit(f"mutant {m.id}: the snippet occurs {count} times in {m.path} "
                         "(the code moved: update the mutant)")
    path.write_text(text.replace(m.old, m.new), encoding="utf-8")
    return text


def run_tests(tree: Path, tests: list[str], timeout: float) -> tuple[str, float, str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    start = time.monotonic()
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
           "-m", DESELECT, *tests]
    try:
        proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start, ""
    took = time.monotonic() - start
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    if proc.returncode == 0:
        return "pass", took, tail
    failed = [line.split(" ", 1)[1].split(" - ")[0] for line in proc.stdout.splitlines()
              if line.startswith("FAILED ") or line.startswith("ERROR ")]
    return "fail", took, (failed[0] if failed else tail)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*", help="only these mutants")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--check", action="store_true", help="only check that every mutant applies")
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()
    chosen = [m for m in MUTANTS if not args.ids or m.id in args.ids]
    if len({m.id for m in MUTANTS}) != len(MUTANTS):
        raise SystemExit("duplicate mutant ids")
    if args.list:
        for m in chosen:
            print(f"{m.id:4} {m.path:32} {m.what}")
        return 0
    with tempfile.TemporaryDirectory(prefix="ita-xl-mutants-") as tmp:
        tree = Path(tmp)
        copy_tree(tree)
        for m in chosen:  # every mutant applies, before anything runs
            original = apply(tree, m)
            (tree / m.path).write_text(original, encoding="utf-8")
        if args.check:
            print(f"{len(chosen)} mutants apply")
            return 0
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
        load = os.getloadavg()[0]
        print(f"mutation run of {commit}, {time.strftime('%Y-%m-%d %H:%M')}, "
              f"load average {load:.2f} at the start", flush=True)
        for tests in dict.fromkeys(tuple(m.tests) for m in chosen):
            status, took, tail = run_tests(tree, list(tests), args.timeout)
            print(f"baseline {' '.join(Path(t).name for t in tests)}: {status} ({took:.0f} s)",
                  flush=True)
            if status != "pass":
                raise SystemExit(f"the unmutated tests fail ({tail}): fix them first")
        rows = []
        for m in chosen:
            original = apply(tree, m)
            try:
                status, took, detail = run_tests(tree, m.tests, args.timeout)
            finally:
                (tree / m.path).write_text(original, encoding="utf-8")
            if m.equivalent:
                verdict = "equivalent" if status == "pass" else "killed"
            else:
                verdict = "survived" if status == "pass" else "killed"
            rows.append((m, verdict, took, detail if verdict == "killed" else ""))
            print(f"{m.id:4} {verdict:10} {took:5.0f} s  {m.what}", flush=True)
    print()
    print("| id | module | planted bug | tests run | result | s | killed by |")
    print("|---|---|---|---|---|---|---|")
    for m, verdict, took, detail in rows:
        tests = ", ".join(Path(t).stem.removeprefix("test_") for t in m.tests)
        print(f"| {m.id} | `{m.path.removeprefix('ita_xl/')}` | {m.what} | {tests} | "
              f"**{verdict}** | {took:.0f} | {detail.replace('|', '/')} |")
    counted = [r for r in rows if r[1] != "equivalent"]
    killed = sum(1 for r in counted if r[1] == "killed")
    print()
    print(f"{len(rows)} mutants, {len(rows) - len(counted)} equivalent; killed {killed} of "
          f"{len(counted)} = {100 * killed / max(1, len(counted)):.0f} %")
    for m, verdict, _, _ in rows:
        if verdict == "equivalent":
            print(f"- {m.id} equivalent: {m.equivalent}")
        elif verdict == "survived":
            print(f"- {m.id} SURVIVED: {m.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
