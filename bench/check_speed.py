"""How long `timeline check` takes: without its cache, filling it, and from it.

Run: .venv/bin/python bench/check_speed.py [--content DIR] [--repeat N] [--baseline SRC]

Times the `timeline check` command end to end (process start included, which
is what an editor waits for), in turn, so that a slow spell of the machine
weighs on each alike:

- without the cache (`--cache ''`);
- the first check, which has no cache yet and writes one;
- from the cache, after one event file changed (what the pre-commit hook and a
  pull request's CI run do);
- with `--baseline SRC`, another checkout's generator (its `timeline check`
  with its own defaults), e.g. the last commit's in a `git worktree`.

Then the in-process time of the load and validate stages. Issue 2's target: under
a second end to end on the shipped content; issue 18's: 3 s at 10,000 events
(bench/synth.py makes them). Results are recorded in bench/RESULTS.md.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.content.load import load_content  # noqa: E402
from generator.content.validate import validate_content  # noqa: E402


def _timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _show(label: str, times: list[float]) -> None:
    print(
        f"{label:<44} median {statistics.median(times) * 1000:8.1f} ms   "
        f"min {min(times) * 1000:8.1f} ms   ({len(times)} runs)"
    )


def _check(source: Path, content: Path, work: Path, *args: str) -> float:
    """One `timeline check` of `content` by the generator in `source`, run in `work`."""
    command = [sys.executable, "-m", "generator", "check", "--content", str(content), *args]
    env = {**os.environ, "PYTHONPATH": str(source)}
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=work, env=env)
    return time.perf_counter() - start


def _an_event(content: Path) -> Path:
    events = sorted(content.glob("timelines/*/events/*.yaml"))
    return events[len(events) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--baseline", type=Path, help="Another checkout to time alongside.")
    args = parser.parse_args()

    content = args.content.resolve()
    work = Path(tempfile.mkdtemp(prefix="check-speed-"))
    shutil.copytree(content, work / "content")  # the edits below stay in the copy
    content = work / "content"
    event = _an_event(content)
    original = event.read_bytes()
    times: dict[str, list[float]] = {"none": [], "first": [], "cached": [], "baseline": []}
    for turn in range(args.repeat):
        times["none"].append(_check(ROOT, content, work, "--cache", ""))
        shutil.rmtree(work / "cache", ignore_errors=True)
        times["first"].append(_check(ROOT, content, work, "--cache", str(work / "cache")))
        # One event changed since the cache was written, as in a commit.
        event.write_bytes(original + f"# edit {turn}\n".encode())
        times["cached"].append(_check(ROOT, content, work, "--cache", str(work / "cache")))
        event.write_bytes(original)
        if args.baseline:
            times["baseline"].append(_check(args.baseline.resolve(), content, work))
    _show("timeline check, no cache", times["none"])
    _show("timeline check, first (writes the cache)", times["first"])
    _show("timeline check, cached (one event changed)", times["cached"])
    if args.baseline:
        _show(f"timeline check of {args.baseline}", times["baseline"])
    loaded = load_content(content)
    files = len(loaded.documents)
    _show(f"load stage ({files} files)", _timed(lambda: load_content(content), args.repeat))
    _show("validate stage", _timed(lambda: validate_content(loaded), args.repeat))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
