"""Docs kept honest: the README's tables and lists checked against the code.

Codes (README and ``ita_xl.checks``'s docstring against ``CODES``), commands and their options
(the README's command block against the click commands), exit codes (the README's sentences
against the error classes and ``check``'s help), and the tour (every module listed, every
listed path there).
"""
from __future__ import annotations

import re
from pathlib import Path

import ita_xl.checks
from ita_xl.checks import CODES
from ita_xl.exitcodes import TABLE, Exit

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
THAI = re.compile(r"[\u0e00-\u0e7f]")


def readme() -> str:
    return README.read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README text under a heading, up to the next heading of the same or a higher level."""
    text = readme()
    m = re.search(rf"^(#+) {re.escape(title)}\s*$", text, re.M)
    assert m, title
    rest = text[m.end():]
    end = re.search(rf"^#{{1,{len(m.group(1))}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


def test_every_code_is_documented_in_the_package_and_the_readme():
    doc = ita_xl.checks.__doc__
    text = readme()
    for code, info in CODES.items():
        row = re.search(rf"^{code}\s+(\w+)\s+(\S+)", doc, re.M)
        assert row and row.groups() == (info.severity, info.name), code
        assert re.search(rf"\|\s*{code}\s*\|\s*{info.severity}\s*\|\s*`?{info.name}`?\s*\|",
                         text), code


def test_the_code_tables_are_written_from_codes_py():
    """README's and ``ita_xl.checks``' tables are what ``codes.py`` gives (generated, never typed)."""
    from ita_xl.builder.codetables import replace_block, targets

    for path, kind, body in targets():
        text = path.read_text(encoding="utf-8")
        assert replace_block(text, kind, body) == text, \
            f"{path.name}: the code table differs from ita_xl/checks/codes.py; run python -m ita_xl.builder"
    # the generated rows say what codes.py says, in code order
    rows = re.findall(r"^\| (ITA\d{3}) \| (\w+) \| `([^`]+)` \| (.*) \|$", readme(), re.M)
    assert rows == [(c, CODES[c].severity, CODES[c].name, CODES[c].finds) for c in sorted(CODES)]


def test_the_readme_lists_no_code_that_does_not_exist():
    listed = set(re.findall(r"^\|\s*(ITA\d{3})\s*\|", readme(), re.M))
    assert listed == set(CODES)


def test_the_command_block_lists_every_command_with_real_options():
    from ita_xl.cli import main

    block = re.search(r"```sh\n(.*?)```", section("Commands"), re.S).group(1)
    lines = [line.split("#")[0] for line in block.splitlines() if line.startswith("ita-xl ")]
    listed = {line.split()[1] for line in lines}
    assert listed == set(main.commands)
    for line in lines:
        command = main.commands[line.split()[1]]
        known = {opt for p in command.params for opt in p.opts + p.secondary_opts}
        for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line):
            assert option in known, (line, option)


def test_exit_codes_in_the_readme_are_the_codes_ita_xl_uses():
    from ita_xl.cli import check
    from ita_xl.errors import ChecksFailed, ItaError, OutputError, TemplateError, WorkbookError
    from ita_xl.exitcodes import Exit

    assert WorkbookError.exit_code == Exit.UNREADABLE
    assert ChecksFailed.exit_code == TemplateError.exit_code == OutputError.exit_code == \
        ItaError.exit_code == Exit.ERRORS
    bug = re.search(r"an unexpected error is a bug, (\d+)",
                    " ".join(section("When something is wrong").split()))
    assert bug and int(bug.group(1)) == Exit.BUG
    # `check`: the README and the command's own help give the same codes for the same cases.
    readme_codes = re.search(r"Exit code: `(\d)` clean.*?`(\d)` warnings only with `--strict`, "
                             r"`(\d)` any error, `(\d)` the file cannot be read",
                             " ".join(section("What `check` finds").split()))
    help_codes = re.search(r"Exit code: (\d) clean.*?(\d)\s+only warnings with --strict,\s+(\d) "
                           r"any error, (\d) a file cannot be read", check.help or "", re.S)
    assert readme_codes and help_codes
    assert readme_codes.groups() == help_codes.groups()
    assert tuple(map(int, readme_codes.groups())) == (Exit.OK, Exit.NOT_CLEAN, Exit.ERRORS,
                                                       Exit.UNREADABLE)


def test_the_tour_names_every_module_and_nothing_that_is_not_there():
    tour = section("A short tour")
    named = set(re.findall(r"^\| `([^`]+)`", tour, re.M))
    for path in named:
        assert (ROOT / path).exists(), path
    package = ROOT / "ita_xl"
    for module in sorted(package.glob("*.py")):
        if module.name in {"__init__.py", "__main__.py"}:
            continue
        assert f"ita_xl/{module.name}" in named, module.name
    for sub in sorted(p for p in package.iterdir() if (p / "__init__.py").is_file()):
        assert f"ita_xl/{sub.name}/" in named, sub.name


def test_every_module_says_what_it_is_for():
    for module in sorted((ROOT / "ita_xl").rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        assert re.match(r'\s*(#[^\n]*\n\s*)*[rRbB]?"""\S', text), module


def test_exit_codes_are_defined_once_and_distinct():
    codes = [code for code, _, _ in TABLE]
    assert codes == list(Exit) and len(set(codes)) == len(codes)
    assert all(THAI.search(th) and en for _, th, en in TABLE)
    text = readme()
    for code, th, en in TABLE:  # the README's table is this one
        assert f"| {int(code)} | {th} | {en} |" in text


def test_every_module_has_the_test_file_the_readme_promises():
    """The tour's promise for tests/: ``test_<module>.py`` per top-level module (test files of
    packages are named after the package); the exceptions it names are the only ones."""
    tests = {p.stem for p in (ROOT / "tests").glob("test_*.py")}
    named = {"framework": "test_frameworks", "typeset": "test_typesetting",  # the README
             "pdfcopy": "test_pdf_lines", "metrics": "test_fonts"}  # names these exceptions
    elsewhere = {"present", "winsetup"}  # tested where they show: the README says where
    row = next(line for line in section("A short tour").splitlines() if line.startswith("| `tests/`"))
    for module in sorted((ROOT / "ita_xl").glob("*.py")):
        name = module.stem
        if name in {"__init__", "__main__"}:
            continue
        if name in elsewhere:
            assert f"`{name}`" in row, name
            continue
        assert named.get(name, f"test_{name}") in tests, f"no tests/test_{name}.py"
        if name in named:
            assert f"`{named[name]}.py` for `{name}`" in row, name
    for package in ("checks", "importer", "xlsm", "vba", "builder"):
        assert any(t == f"test_{package}" or t.startswith(f"test_{package}_") for t in tests), package
