#!/usr/bin/env python
"""Speed of ita-xl against bare baselines, as ratios from paired runs (issue 22).

    python bench/speed.py                 # full: ≥15 generate pairs, 10 batch pairs of 1,000
    python bench/speed.py --quick         # a few minutes: fewer pairs, 100 agencies
    python bench/speed.py --old-tree DIR  # also the code of another checkout (before/after)
    python bench/speed.py --write bench/RESULTS.md   # replace this script's section there

Every figure is a ratio between commands run back to back in alternating order (each round
rotates which goes first), so load from other work on the machine falls on both sides alike;
printed are the median of the rounds' ratios and their min–max, and the load average before
and after.  All commands run with the same real interpreter (``sys.executable`` resolved, never
a pyenv-style shim script), bytecode cached on both sides (a fresh ``PYTHONPYCACHEPREFIX``
written by one unmeasured warm-up run), ita-xl's template cache warm (its own folder, written
by the warm-up).  CPU is user + system seconds of the command and every process it waited for
(batch workers included).

The bare baselines (``bench/bare.py``) do the least that makes the same documents: openpyxl
reads every value of the workbook's tables and settings, plain docxtpl renders ita-xl's two
templates from **ita-xl's own context** for that workbook (written to JSON here with
``build_context``), no checks.

1. ``generate``: ``python -m ita_xl generate WB`` vs ``python bench/bare.py WB`` on the
   bundled example (target ≤ 1.2×, median of ≥ 15 pairs).
2. batch: ``python -m ita_xl batch DIR --jobs J`` vs ``bare.py --batch J`` (a fork pool of J,
   openpyxl and docxtpl imported before the fork) over N synthetic agencies (target: CPU ≤ 0.8×).
3. PDF: the PDF phase of ``ita-xl batch --pdf`` per document (the phases in order:
   ``ITA_XL_BATCH_OVERLAP=0``) vs one ``soffice --convert-to pdf`` run over the same .docx files
   (profile warm, the same fonts).  ``bench/overlap.py`` measures the overlap itself.
4. Peak memory (one extra run of each, sampled every 20 ms from /proc): the largest process and
   all processes of the command summed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for p in (str(REPO), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

SECTION_BEGIN = "<!-- speed.py: begin (issue 22) -->"
SECTION_END = "<!-- speed.py: end -->"


# --- the interpreter and environments -------------------------------------------------------------
def interpreter() -> str:
    """This Python, refused when it is a shim (a script that starts another program first).
    Not resolved to the binary it links to: a virtual environment's python is a link, and
    only through it does Python find the environment's packages."""
    exe = os.path.abspath(sys.executable)
    with open(os.path.realpath(exe), "rb") as fh:
        if fh.read(2) == b"#!":
            raise SystemExit(f"{exe} is a script (an interpreter shim?): run the bench with the "
                             "real python binary")
    return exe


def ita_xl_command(py: str) -> list[str]:
    """How a clerk starts ita-xl: the ``ita-xl`` console script pip installs beside the
    interpreter, run by that interpreter (what its ``#!`` line does, without a shim in front);
    ``python -m ita_xl`` when there is none (that adds ``runpy``, a few ms).  The script imports
    ``ita_xl.cli`` from the PYTHONPATH each side sets, so it runs each tree's code."""
    script = Path(py).parent / "ita-xl"
    try:
        if "from ita_xl.cli import main" in script.read_text(encoding="utf-8", errors="replace"):
            return [py, str(script)]
    except OSError:
        pass
    return [py, "-m", "ita_xl"]


def environment(tree: Path, work: Path, name: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(work / "pycache" / name),
               ITA_XL_CACHE_DIR=str(work / "cache" / name))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("ITA_XL_CACHE", None)
    return env


# --- running and pairing --------------------------------------------------------------------------
def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: Commands run in this folder: ``python -m`` puts the current folder first on sys.path, so run
#: from a checkout it would import that checkout's ita_xl whatever PYTHONPATH says.
NEUTRAL = Path(tempfile.gettempdir())


def run(cmd: list[str], env: dict[str, str], before=None) -> tuple[float, float]:
    """(wall s, CPU s) of one run; ``before()`` runs first, outside the timing."""
    if before is not None:
        before()
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=NEUTRAL)
    wall = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n"
                         f"{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
    return wall, _children_cpu() - cpu


class Side:
    """One side of a comparison: a command, its environment, what to do before each run."""

    def __init__(self, label: str, cmd: list[str], env: dict[str, str], before=None,
                 measure=None):
        self.label, self.cmd, self.env, self.before = label, cmd, env, before
        self.measure = measure  # (wall, cpu) -> the figure compared (default: wall)
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.figures: list[float] = []

    def once(self) -> None:
        wall, cpu = run(self.cmd, self.env, self.before)
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.figures.append(self.measure(wall, cpu) if self.measure else wall)


def rounds(sides: list[Side], count: int, warm: bool = True) -> None:
    """``count`` rounds; in round i the sides run in order rotated by i."""
    if warm:
        for side in sides:
            run(side.cmd, side.env, side.before)  # bytecode, cache and page cache written
    for i in range(count):
        k = i % len(sides)
        for side in sides[k:] + sides[:k]:
            side.once()


def ratio(a: list[float], b: list[float]) -> dict:
    rs = sorted(x / y for x, y in zip(a, b))
    return {"median": statistics.median(rs), "min": rs[0], "max": rs[-1], "n": len(rs)}


# --- peak memory ----------------------------------------------------------------------------------
class Peak(threading.Thread):
    """Peak RSS of a process tree: the largest process, and all processes summed."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.largest_kb = self.total_kb = 0
        self._halt = threading.Event()
        self._page_kb = os.sysconf("SC_PAGE_SIZE") // 1024

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as fh:
                        stat = fh.read().decode("utf-8", "replace")
                    ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(children.get(pid, []))
        return out

    def run(self) -> None:
        while not self._halt.is_set():
            sizes = []
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/statm") as fh:
                        sizes.append(int(fh.read().split()[1]) * self._page_kb)
                except (OSError, ValueError, IndexError):
                    continue
            if sizes:
                self.largest_kb = max(self.largest_kb, max(sizes))
                self.total_kb = max(self.total_kb, sum(sizes))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def peak(side: Side) -> tuple[float, float]:
    """(largest process MB, all processes MB) of one run of ``side``."""
    if side.before is not None:
        side.before()
    proc = subprocess.Popen(side.cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=side.env, cwd=NEUTRAL)
    sampler = Peak(proc.pid)
    sampler.start()
    proc.wait()
    sampler.stop()
    return sampler.largest_kb / 1024, sampler.total_kb / 1024


# --- the cases ------------------------------------------------------------------------------------
def write_context(workbook: Path, path: Path) -> Path:
    """ita-xl's own context for ``workbook`` as JSON, for bare.py."""
    from ita_xl.context import build_context
    from ita_xl.reader import read_tracker

    context = build_context(read_tracker(workbook))
    path.write_text(json.dumps(context, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def fresh(folder: Path):
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--pairs", type=int, help="generate pairs (default 15; quick 5)")
    ap.add_argument("--agencies", type=int, help="agencies per batch (default 1000; quick 100)")
    ap.add_argument("--batch-pairs", type=int, help="batch pairs (default 10; quick 3)")
    ap.add_argument("--pdf-agencies", type=int,
                    help="agencies of the PDF case (default 10; quick 5)")
    ap.add_argument("--pdf-pairs", type=int, help="PDF pairs (default 10; quick 3)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--old-tree", type=Path, help="another checkout, measured beside this one")
    ap.add_argument("--skip", default="", help="comma list of cases to skip: generate,batch,pdf")
    ap.add_argument("--write", type=Path, help="replace this script's section of this file")
    args = ap.parse_args()
    q = args.quick
    pairs = args.pairs or (5 if q else 15)
    agencies = args.agencies or (100 if q else 1000)
    batch_pairs = args.batch_pairs or (3 if q else 10)
    pdf_agencies = args.pdf_agencies or (5 if q else 10)
    pdf_pairs = args.pdf_pairs or (3 if q else 10)
    skip = set(filter(None, args.skip.split(",")))

    from ita_xl import resources

    py = interpreter()
    ita = ita_xl_command(py)
    work = Path(tempfile.mkdtemp(prefix="ita-xl-speed-"))
    global NEUTRAL
    NEUTRAL = work
    load0, started = os.getloadavg(), dt.datetime.now(dt.timezone.utc)
    trees = [("ours", REPO)] + ([("before", args.old_tree.resolve())] if args.old_tree else [])
    templates = resources.templates_dir()
    out: dict = {"pairs": pairs, "agencies": agencies, "batch_pairs": batch_pairs,
                 "pdf_agencies": pdf_agencies, "pdf_pairs": pdf_pairs, "jobs": args.jobs,
                 "python": py, "command": " ".join(ita), "numpy": importlib.util.find_spec("numpy") is not None,
                 "trees": {k: str(v) for k, v in trees}}
    bare_env = environment(REPO, work, "bare")
    try:
        # 1. generate vs bare
        if "generate" not in skip:
            wb = resources.example_workbook()
            ctx = write_context(wb, work / "example.json")
            sides = [Side(name, [*ita, "generate", str(wb), "-o",
                                 str(work / f"gen-{name}")], environment(tree, work, name))
                     for name, tree in trees]
            sides.append(Side("bare", [py, str(HERE / "bare.py"), str(wb), str(templates),
                                       str(ctx), str(work / "gen-bare")], bare_env))
            say(f"generate: {pairs} rounds of {len(sides)} …")
            rounds(sides, pairs)
            out["generate"] = summarise(sides)
            out["generate"]["peak"] = {s.label: peak(s) for s in sides}

        # 2. batch vs bare batch
        if "batch" not in skip or "pdf" not in skip:
            from bench import make_workbooks

            n = max(agencies if "batch" not in skip else 0, pdf_agencies)
            books = work / "books"
            say(f"making {n} synthetic agencies …")
            make_workbooks(books, n, 5)
            ctx = write_context(sorted(books.glob("*.xlsm"))[0], work / "agency.json")
        if "batch" not in skip:
            batch_books = subset(books, work / "batch-books", agencies)
            sides = []
            for name, tree in trees:
                dest = work / f"batch-{name}"
                sides.append(Side(name, [*ita, "batch", str(batch_books), "-o",
                                         str(dest), "--jobs", str(args.jobs)],
                                  environment(tree, work, name), before=fresh(dest)))
            dest = work / "batch-bare"
            sides.append(Side("bare", [py, str(HERE / "bare.py"), "--batch", str(args.jobs),
                                       str(batch_books), str(templates), str(ctx), str(dest)],
                              bare_env, before=fresh(dest)))
            say(f"batch of {agencies}: {batch_pairs} rounds of {len(sides)} …")
            rounds(sides, batch_pairs)
            out["batch"] = summarise(sides)
            out["batch"]["peak"] = {s.label: peak(s) for s in sides}

        # 3. PDF per document vs one batched soffice run
        if "pdf" not in skip:
            out["pdf"] = pdf_case(py, trees, work, books, pdf_agencies, pdf_pairs, args.jobs)
    except BaseException:
        if any(case in out for case in ("generate", "batch", "pdf")):
            # a later case failed or was stopped: what was measured is not lost
            out["load"] = {"start": load0, "end": os.getloadavg(), "cores": os.cpu_count(),
                           "date": started.strftime("%Y-%m-%d %H:%M UTC")}
            say("stopped before the end; measured so far:\n" + report(out))
        raise
    finally:
        load1 = os.getloadavg()
        shutil.rmtree(work, ignore_errors=True)
    out["load"] = {"start": load0, "end": load1, "cores": os.cpu_count(),
                   "date": started.strftime("%Y-%m-%d %H:%M UTC")}
    text = report(out)
    print(text)
    if args.write:
        write_section(args.write, text)
        say(f"wrote {args.write}")


def subset(books: Path, folder: Path, count: int) -> Path:
    """A folder with the first ``count`` workbooks of ``books`` (hard links)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(books.glob("*.xlsm"))[:count]:
        os.link(path, folder / path.name)
    return folder


def pdf_case(py: str, trees, work: Path, books: Path, count: int, pairs: int, jobs: int) -> dict:
    """ita-xl's PDF phase per document vs one soffice run over the same .docx files."""
    ita = ita_xl_command(py)
    from ita_xl.convert import find_soffice
    from ita_xl.fonts import ensure_fonts

    pdf_books = subset(books, work / "pdf-books", count)
    docx = work / "pdf-docx"
    run([*ita, "batch", str(pdf_books), "-o", str(docx), "--jobs", str(jobs)],
        environment(REPO, work, "ours"))
    inputs = sorted(str(p) for p in docx.rglob("*.docx"))
    soffice = str(find_soffice())
    profile = work / "soffice-profile"
    bare_env = dict(os.environ, **ensure_fonts().env())
    dest = work / "pdf-bare"
    bare = Side("bare", [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                         "--convert-to", "pdf", "--outdir", str(dest), *inputs],
                bare_env, before=fresh(dest), measure=lambda wall, cpu: wall / len(inputs))
    sides = []
    for name, tree in trees:
        folder = work / f"pdf-{name}"

        def per_document(wall, cpu, folder=folder):
            summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            pdfs = sum(1 for a in summary["agencies"] for d in a["documents"]
                       if str(d).endswith(".pdf"))
            return summary["stage_seconds"].get("pdf", wall) / max(1, pdfs)

        # the phases in order (ITA_XL_BATCH_OVERLAP=0): stage_seconds.pdf is then LibreOffice's
        # time alone, not shared with documents still rendered (bench/overlap.py compares both)
        sides.append(Side(name, [*ita, "batch", str(pdf_books), "-o", str(folder),
                                 "--jobs", str(jobs), "--pdf"],
                          {**environment(tree, work, name), "ITA_XL_BATCH_OVERLAP": "0"},
                          before=fresh(folder), measure=per_document))
    sides.append(bare)
    say(f"PDF: {pairs} rounds of {len(sides)} ({len(inputs)} documents) …")
    rounds(sides, pairs)
    result = summarise(sides)
    result["documents"] = len(inputs)
    result["peak"] = {s.label: peak(s) for s in sides}
    return result


def summarise(sides: list[Side]) -> dict:
    base = sides[-1]  # the bare baseline
    out = {"sides": {}}
    for s in sides:
        out["sides"][s.label] = {"wall": statistics.median(s.walls),
                                 "cpu": statistics.median(s.cpus),
                                 "figure": statistics.median(s.figures),
                                 "vs_bare": ratio(s.figures, base.figures),
                                 "cpu_vs_bare": ratio(s.cpus, base.cpus)}
    if len(sides) == 3:  # ours, before, bare
        out["ours_vs_before"] = ratio(sides[0].figures, sides[1].figures)
        out["cpu_ours_vs_before"] = ratio(sides[0].cpus, sides[1].cpus)
    return out


# --- the report -----------------------------------------------------------------------------------
def _r(r: dict) -> str:
    return f"**{r['median']:.2f}×** ({r['min']:.2f}–{r['max']:.2f})"


def report(out: dict) -> str:
    load = out["load"]
    lines = [
        "## Speed against bare baselines (issue 22, `python bench/speed.py`)",
        "",
        f"{load['date']}; {load['cores']} cores; load average {load['start'][0]:.2f} at the start, "
        f"{load['end'][0]:.2f} at the end (1-minute; 5-minute {load['start'][1]:.2f} → "
        f"{load['end'][1]:.2f}). Interpreter {out['python']} for every command "
        f"(ita-xl started as `{out.get('command', '')}`) "
        f"({'with' if out.get('numpy') else 'without'} numpy installed: openpyxl imports it, "
        "when there, in the bare process; ita-xl keeps it out), bytecode cached "
        "on both sides, ita-xl's template cache warm. Ratios: median of the rounds' ratios "
        "(min–max); the sides of a round run back to back, order rotated each round.",
        "",
    ]
    labels = {"ours": "this code", "before": "before (`--old-tree`)", "bare": "bare"}
    g = out.get("generate")
    if g:
        lines += [f"### `generate` of the bundled example vs `bare.py` ({out['pairs']} rounds)", "",
                  "| side | median wall s | median CPU s | wall / bare | CPU / bare | peak MB "
                  "(largest / all) |", "|---|---|---|---|---|---|"]
        for label, s in g["sides"].items():
            big, total = g["peak"][label]
            lines.append(f"| {labels[label]} | {s['wall']:.3f} | {s['cpu']:.3f} | "
                         f"{_r(s['vs_bare'])} | {_r(s['cpu_vs_bare'])} | {big:.0f} / {total:.0f} |")
        if "ours_vs_before" in g:
            lines.append(f"\nthis code / before: wall {_r(g['ours_vs_before'])}, CPU "
                         f"{_r(g['cpu_ours_vs_before'])}")
        lines.append("")
    b = out.get("batch")
    if b:
        lines += [f"### `batch` of {out['agencies']} synthetic agencies (--jobs {out['jobs']}) vs "
                  f"`bare.py --batch` fork pool ({out['batch_pairs']} rounds)", "",
                  "| side | median wall s | median CPU s | wall / bare | CPU / bare | peak MB "
                  "(largest / all) |", "|---|---|---|---|---|---|"]
        for label, s in b["sides"].items():
            big, total = b["peak"][label]
            lines.append(f"| {labels[label]} | {s['wall']:.1f} | {s['cpu']:.1f} | "
                         f"{_r(s['vs_bare'])} | {_r(s['cpu_vs_bare'])} | {big:.0f} / {total:.0f} |")
        if "ours_vs_before" in b:
            lines.append(f"\nthis code / before: wall {_r(b['ours_vs_before'])}, CPU "
                         f"{_r(b['cpu_ours_vs_before'])}")
        lines.append("")
    p = out.get("pdf")
    if p:
        lines += [f"### PDF per document: `batch --pdf` of {out['pdf_agencies']} agencies "
                  f"({p['documents']} PDFs) vs one `soffice --convert-to pdf` run over the same "
                  f".docx files ({out['pdf_pairs']} rounds)", "",
                  "| side | median s per PDF | median wall s (whole command) | per PDF / bare | "
                  "peak MB (largest / all) |", "|---|---|---|---|---|"]
        for label, s in p["sides"].items():
            big, total = p["peak"][label]
            lines.append(f"| {labels[label]} | {s['figure']:.3f} | {s['wall']:.1f} | "
                         f"{_r(s['vs_bare'])} | {big:.0f} / {total:.0f} |")
        lines.append("")
        lines.append("ita-xl's side is the PDF phase of the batch (`summary.json`'s "
                     "`stage_seconds.pdf`) per PDF; the bare side is the whole soffice run per PDF "
                     "(start-up included, private profile kept warm between runs).")
        lines.append("")
    return "\n".join(lines)


def write_section(path: Path, text: str) -> None:
    """Replace (or add at the end) this script's section of ``path``; the rest is kept."""
    body = f"{SECTION_BEGIN}\n{text.rstrip()}\n{SECTION_END}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_BEGIN in old and SECTION_END in old:
        head, rest = old.split(SECTION_BEGIN, 1)
        tail = rest.split(SECTION_END, 1)[1].lstrip("\n")
        new = head + body + ("\n" + tail if tail else "")
    else:
        new = old.rstrip("\n") + "\n\n" + body
    path.write_text(new, encoding="utf-8")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
