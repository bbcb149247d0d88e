"""The CI recipe (docs/github-workflow.yml) works as written, and its reports are what CI reads.

The workflow file is parsed, and every step that calls ``ita-xl`` is run as GitHub runs a
``run:`` step (``bash -e -c``), with the workflow's ``env``, in a repository folder holding two
trackers; ``ita-xl`` on PATH is this checkout.  The JUnit XML is validated against
tests/data/junit.xsd (how it was written and why: the file's own comment) and read back; the
annotations must name the file and carry the cell.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree
from support.wbedit import set_cell
from support.workbooks import save_copy, write_second_agency

from ita_xl import resources

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "docs" / "github-workflow.yml"
SCHEMA = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "data" / "junit.xsd")))
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),title=([^:]+)::(.*)$")
AGENCIES = ("เทศบาลตำบลเมืองหงส์", "องค์การบริหารส่วนตำบลบ้านใหม่")  # the example, the second
CELL = re.compile(r"\[([^\[\]!]+)!([A-Z]{1,3}\d+)\]")


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> dict[str, dict]:
    [job] = _workflow()["jobs"].values()
    return {s["id"]: s for s in job["steps"] if "id" in s}


def _env() -> dict[str, str]:
    """The workflow's env, less what only GitHub can work out (``${{ … }}``)."""
    return {k: str(v) for k, v in _workflow()["env"].items() if "${{" not in str(v)}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository of two agencies' trackers, and ``ita-xl`` (this checkout) on PATH."""
    folder = tmp_path / "repo"
    trackers = folder / _env()["TRACKERS"]
    trackers.mkdir(parents=True)
    shutil.copy(resources.example_workbook(), trackers / "เมืองหงส์.xlsm")
    second = save_copy(resources.example_workbook(), trackers / "บ้านใหม่.xlsm")
    write_second_agency(second)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "ita-xl"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ita_xl "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return folder


def _run_step(step_id: str, repo: Path) -> subprocess.CompletedProcess:
    step = _steps()[step_id]
    assert "ita-xl " in step["run"], step
    env = {**os.environ, **_env(),
           "PATH": f"{repo.parent / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT)}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def _junit(path: Path) -> etree._ElementTree:
    doc = etree.parse(str(path))
    assert SCHEMA.validate(doc), SCHEMA.error_log
    return doc


def test_the_workflow_installs_checks_then_writes_and_keeps_the_pdfs():
    steps = _steps()
    assert list(steps) == ["install", "check", "documents"]
    assert "pip install" in steps["install"]["run"]
    [job] = _workflow()["jobs"].values()
    uploads = [s for s in job["steps"] if str(s.get("uses", "")).startswith(
        "actions/upload-artifact")]
    paths = " ".join(s["with"]["path"] for s in uploads)
    assert "ita-output/**/*.pdf" in paths and "ita-check/" in paths
    # the check report is kept also when the check step failed
    assert any(s.get("if") == "always()" and "ita-check" in s["with"]["path"] for s in uploads)
    # every step a person reads in the Actions log is named Thai first
    assert all(re.match(r"[\u0e00-\u0e7f]", s["name"]) for s in job["steps"] if "name" in s)


@pytest.mark.soffice
def test_the_workflows_commands_pass_on_two_trackers_and_keep_valid_reports(repo):
    check = _run_step("check", repo)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stderr == ""  # nothing stray in the CI log
    doc = _junit(repo / "ita-check" / "junit.xml")
    suites = doc.getroot().findall("testsuite")
    assert sorted(s.get("name") for s in suites) == [
        f"{AGENCIES[1]} (บ้านใหม่.xlsm)", f"{AGENCIES[0]} (เมืองหงส์.xlsm)"]
    for suite in suites:  # a test case per rule family, all passing (warnings only)
        cases = suite.findall("testcase")
        assert [c.get("name")[:6] for c in cases] == [f"ITA{d}xx" for d in "1234567"]
        assert suite.get("tests") == "7" and suite.get("failures") == "0"
        assert not suite.findall(".//failure")
    # every warning is an annotation on its file, Thai first, with the cell
    notes = [ANNOTATION.match(line) for line in check.stdout.splitlines()
             if line.startswith("::")]
    assert notes and all(notes)
    files = {m.group(2) for m in notes}
    assert files == {"trackers/เมืองหงส์.xlsm", "trackers/บ้านใหม่.xlsm"}
    for m in notes:
        assert m.group(1) == "warning"
        thai, english = m.group(4).split("%0A")
        assert re.match(r"[\u0e00-\u0e7f“]", thai) and re.match(r"[A-Z“]", english), m.group(0)
        assert CELL.search(thai) and CELL.search(english), m.group(0)
        assert m.group(3).startswith("ITA")
    documents = _run_step("documents", repo)
    assert documents.returncode == 0, documents.stdout + documents.stderr
    assert documents.stderr == ""
    pdfs = sorted(p.relative_to(repo / "ita-output").as_posix()
                  for p in (repo / "ita-output").glob("**/*.pdf"))
    assert pdfs == sorted(f"{agency}/ITA{doc}_{kind}.pdf"
                          for agency, doc in zip(AGENCIES, ("2565_6m", "2567_12m"))
                          for kind in ("memo", "report")), pdfs
    for pdf in pdfs:
        assert (repo / "ita-output" / pdf).read_bytes().startswith(b"%PDF")


def test_an_error_fails_the_check_step_with_the_cell_in_junit_and_annotations(repo):
    tracker = repo / "trackers" / "บ้านใหม่.xlsm"
    save_copy(tracker, tracker, lambda wb: set_cell(wb, "Results", "มาตรการ", 0,
                                                    "มาตรการที่ไม่มีในแผน"))  # ITA202
    check = _run_step("check", repo)
    assert check.returncode == 1, check.stdout + check.stderr
    doc = _junit(repo / "ita-check" / "junit.xml")
    [failure] = doc.getroot().findall(".//failure")
    case = failure.getparent()
    assert case.get("name").startswith("ITA2xx") and AGENCIES[1] in case.get("classname")
    assert failure.get("type") == "ITA202"
    message, text = failure.get("message"), failure.text
    # Thai, then English, and the sheet!cell
    assert re.search(r"ผลการดำเนินงาน!A\d+ ITA202: [\u0e00-\u0e7f].* / [A-Z]", message), message
    assert text.index("ผลการดำเนินงาน!A") < text.index("ไม่มีในตารางแผนมาตรการ") < \
        text.index("is not in the plan table")
    root = doc.getroot()
    assert root.get("failures") == "1" and root.get("tests") == "14"
    [error] = [line for line in check.stdout.splitlines() if line.startswith("::error")]
    m = ANNOTATION.match(error)
    assert m.group(2) == "trackers/บ้านใหม่.xlsm" and m.group(3).startswith("ITA202 ผลการดำเนินงาน!A")
    assert CELL.search(m.group(4))
