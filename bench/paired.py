"""Paired whole-process timing: ``ita-xl generate`` against ``bench/bare.py`` on the bundled workbook.

    python bench/paired.py [--pairs 15] [--sampled] [--old-tree DIR]

Each pair runs both commands back to back, in alternating order (ours first in odd pairs, bare
first in even ones), so a burst of load on the shared machine hits both sides of a pair alike.
Printed: the median wall time of each side, the ratio of the medians, the median of the pairs'
own ratios and its spread (interquartile range, min–max).

The first comparison runs with Python's bytecode cache on (a fresh ``PYTHONPYCACHEPREFIX``,
written by one warm-up run), as an installed copy runs: pip compiles a package when it
installs it.  The second runs in the environment as given: where ``PYTHONDONTWRITEBYTECODE=1``
is set (as on the team's machine) and a source checkout has no ``__pycache__``, every
``ita-xl`` process compiles ita-xl's own modules again, while ``bare.py`` imports only
installed (precompiled) libraries, so the ratio grows.

``--sampled`` repeats the first comparison the way ``bench.py`` measures its baseline (a) —
each run under its RSS sampler thread.  ``--old-tree DIR`` adds pairs of ``generate`` from
another checkout (e.g. the commit before a change) against this one's, and with
``--batch-agencies N`` pairs of ``ita-xl batch`` over N synthetic agencies.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _env(tree: Path, work: Path | None) -> dict[str, str]:
    """The environment of a run from ``tree``: with a bytecode cache in ``work``, or (None)
    exactly as given to this script."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    if work is not None:
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _cpu() -> float:
    """CPU seconds (user + system) of this process's finished children so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str], sampled: bool) -> float:
    """Wall seconds of one run (its CPU seconds are added to ``CPU[id(cmd)]``)."""
    if sampled:
        from bench import TreeSampler  # bench/bench.py, beside this script
    cpu = _cpu()
    start = time.perf_counter()
    if sampled:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                cwd=NEUTRAL)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        proc.communicate()
        wall = time.perf_counter() - start
        sampler.stop()
        code = proc.returncode
    else:
        code = subprocess.run(cmd, capture_output=True, env=env, cwd=NEUTRAL).returncode
        wall = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}")
    LAST_CPU[0] = _cpu() - cpu
    return wall


LAST_CPU = [0.0]  # CPU seconds of the last run
# Runs start here, not in a checkout: `python -m` puts the current folder first on sys.path, so
# from a checkout every side would import that checkout's ita_xl (--old-tree compared a tree
# with itself).
NEUTRAL = Path(tempfile.gettempdir())


def paired(a: tuple[list[str], dict], b: tuple[list[str], dict], pairs: int,
           sampled: bool = False) -> dict:
    for cmd, env in (a, b):  # warm the file cache and write the bytecode
        _timed(cmd, env, False)
    ta, tb, ca, cb = [], [], [], []
    for i in range(pairs):
        order = ((a, ta, ca), (b, tb, cb)) if i % 2 == 0 else ((b, tb, cb), (a, ta, ca))
        for (cmd, env), times, cpus in order:
            times.append(_timed(cmd, env, sampled))
            cpus.append(LAST_CPU[0])
    ratios = sorted(x / y for x, y in zip(ta, tb))
    cpu_ratios = sorted(x / y for x, y in zip(ca, cb))
    q = statistics.quantiles(ratios, n=4)
    return {"a": statistics.median(ta), "b": statistics.median(tb),
            "cpu_a": statistics.median(ca), "cpu_b": statistics.median(cb),
            "cpu_ratio": statistics.median(cpu_ratios),
            "ratio_of_medians": statistics.median(ta) / statistics.median(tb),
            "median_ratio": statistics.median(ratios), "q1": q[0], "q3": q[2],
            "min": ratios[0], "max": ratios[-1], "pairs": pairs}


def _row(label: str, r: dict) -> str:
    return (f"| {label} | {r['pairs']} | {r['a']:.3f} | {r['b']:.3f} | {r['ratio_of_medians']:.2f}× "
            f"| **{r['median_ratio']:.2f}×** | {r['q1']:.2f}–{r['q3']:.2f} | "
            f"{r['min']:.2f}–{r['max']:.2f} | {r['cpu_a']:.3f} / {r['cpu_b']:.3f} = "
            f"{r['cpu_ratio']:.2f}× |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=15)
    ap.add_argument("--sampled", action="store_true",
                    help="also measure under bench.py's RSS sampler")
    ap.add_argument("--old-tree", type=Path, default=None,
                    help="another checkout whose generate to compare with this one's")
    ap.add_argument("--batch-agencies", type=int, default=0,
                    help="with --old-tree: also pair `ita-xl batch` of this many synthetic "
                         "agencies (5 rows each, --jobs 2)")
    ap.add_argument("--batch-pairs", type=int, default=6)
    args = ap.parse_args()

    from ita_xl import resources

    work = Path(tempfile.mkdtemp(prefix="ita-xl-paired-"))
    try:
        wb = resources.example_workbook()
        ours_cmd = [sys.executable, "-m", "ita_xl", "generate", str(wb), "-o", str(work / "gen")]
        from speed import write_context  # bench/speed.py, beside this script

        context = write_context(wb, work / "context.json")
        bare_cmd = [sys.executable, str(REPO / "bench" / "bare.py"), str(wb),
                    str(resources.templates_dir()), str(context), str(work / "bare")]
        env = _env(REPO, work)
        ours, bare = (ours_cmd, env), (bare_cmd, env)
        as_given = _env(REPO, None)
        load = os.getloadavg()[0]
        print(f"load average {load:.2f} at the start; {os.cpu_count()} CPUs; "
              f"Python {sys.version.split()[0]}")
        print()
        print("| comparison | pairs | A median s | B median s | ratio of medians | median of "
              "pair ratios | IQR | min–max | CPU s A / B (median of pair ratios) |")
        print("|---|---|---|---|---|---|---|---|---|")
        print(_row("A `generate` / B `bare.py`, bytecode cached", paired(ours, bare, args.pairs)),
              flush=True)
        dont = os.environ.get("PYTHONDONTWRITEBYTECODE", "")
        print(_row(f"same, environment as given (PYTHONDONTWRITEBYTECODE={dont or 'unset'})",
                   paired((ours_cmd, as_given), (bare_cmd, as_given), args.pairs)), flush=True)
        if args.sampled:
            print(_row("same, each run under bench.py's RSS sampler",
                       paired(ours, bare, args.pairs, sampled=True)), flush=True)
        if args.old_tree is not None:
            old_env = _env(args.old_tree, work / "old")
            old = ([sys.executable, "-m", "ita_xl", "generate", str(wb), "-o",
                    str(work / "gen-old")], old_env)
            print(_row(f"A this `generate` / B `{args.old_tree.name}`'s",
                       paired(ours, old, args.pairs)), flush=True)
            if args.batch_agencies:
                from bench import make_workbooks  # bench/bench.py, beside this script

                books = work / "books"
                make_workbooks(books, args.batch_agencies, 5)
                batch = [sys.executable, "-m", "ita_xl", "batch", str(books), "--jobs", "2", "-o"]
                print(_row(f"A this `batch` of {args.batch_agencies} / B `{args.old_tree.name}`'s",
                           paired((batch + [str(work / "b-new")], env),
                                  (batch + [str(work / "b-old")], old_env),
                                  args.batch_pairs)), flush=True)
        print()
        print(f"load average {os.getloadavg()[0]:.2f} at the end")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
