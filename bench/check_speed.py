"""How long `timeline check` takes on the shipped content.

Run: .venv/bin/python bench/check_speed.py [--content DIR] [--repeat N]

Prints the end-to-end time of the `timeline check` command (process start
included, which is what an editor waits for) and the in-process time of the
load and validate stages. Issue 2's target: under a second end to end.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
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
        f"{label:<34} median {statistics.median(times) * 1000:8.1f} ms   "
        f"min {min(times) * 1000:8.1f} ms   ({len(times)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    command = [sys.executable, "-m", "generator", "check", "--content", str(args.content)]
    cli = _timed(lambda: subprocess.run(command, check=True, capture_output=True), args.repeat)
    loaded = load_content(args.content)
    files = len(loaded.documents)
    _show("timeline check (whole command)", cli)
    _show(f"load stage ({files} files)", _timed(lambda: load_content(args.content), args.repeat))
    _show("validate stage", _timed(lambda: validate_content(loaded), args.repeat))


if __name__ == "__main__":
    main()
