"""The live preview, save to served page, of two checkouts in turn.

Run: .venv/bin/python bench/preview_ab.py CONTENT_TREE OLD_CHECKOUT [NEW_CHECKOUT]
[--rounds 2] [--edits 3]

CONTENT_TREE is a folder made by bench/synth.py. OLD_CHECKOUT is another commit
of this repository (`git worktree add /tmp/old <commit>`); NEW_CHECKOUT is this
one unless given. Each round starts `timeline serve` from one checkout, then
the other, and edits a different event's title `--edits` times in each: the
seconds from the save until the server sends that event's page with the edit
(polled every 20 ms). Every edit is undone before the next server starts, so
both checkouts see the same content. It prints each checkout's times, least,
median and most.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import SLUG, serve_edits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=Path(__file__).resolve().parents[1])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    events = sorted((args.tree / "content" / "timelines" / SLUG / "events").glob("*.yaml"))
    timed: dict[str, list[float]] = {"old": [], "new": []}
    for round_ in range(args.rounds):
        for name in ("old", "new"):
            start = (round_ * 2 + (name == "new")) * args.edits
            picked = events[start * 7 % len(events) :][: args.edits]
            timed[name] += serve_edits(getattr(args, name).resolve(), args.tree, picked)
            print(name, " ".join(f"{t:.2f}" for t in timed[name][-args.edits :]), flush=True)
    for name, times in timed.items():
        print(f"{name}: {min(times):.2f}-{max(times):.2f} s, median {statistics.median(times):.2f}"
              f" s, {len(times)} edits")  # fmt: skip


if __name__ == "__main__":
    main()
