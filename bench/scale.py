"""How the build scales from a hundred to ten thousand events, against plain MkDocs.

Run: .venv/bin/python bench/scale.py --events 100 1000 10000 [--pairs 3] [--preview]
[--warm] [--keep DIR]

For each N it synthesises a valid content folder of N events (bench/synth.py),
then, each in a fresh process so that peak memory is its own:

- ours: `timeline check` end to end (process start included), without its
  cache and from it after one event changed; in one
  process the check and the render, each timed alone; and in another, the
  build as `timeline build` runs it (check, then MkDocs, whose hooks render
  the page tree, then give each built page its policy and audit it), with
  our stages timed apart from MkDocs';
- the floor: the same text as N plain Markdown pages, built by plain MkDocs +
  Material with a minimal nav, in the same run.

It prints one table: times, peak memory, site size, timeline page bytes (the
largest, when the timeline is split), median event page bytes, the largest
HTML page, search index bytes, and our total against the floor (`--pairs K`:
the least and the median of K builds of each, run in turn). `--warm` also
times, K times in turn with the floor, a repeat build as `timeline build` runs
it with its cache (`--page-cache`) restored from the build before, after one
event changed (a different one each time, as in a run of commits). `--preview`
also measures, at each N, how long `timeline serve` takes to serve an edited
event page again; with Debian's Chromium present, it times a search in the
built site. `--search-site SITE QUERY` times a search in any built site.
Results are recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SLUG = "long-story"


def _child(mode: str, work: Path) -> dict:
    """Run one measurement in a fresh interpreter; it prints its figures as JSON."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(work)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        sys.exit(f"{mode} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_stages(work: Path) -> dict:
    """Check and render, each timed on its own, in process."""
    from generator.pipeline import checked_content
    from generator.render.renderer import render_site

    start = time.perf_counter()
    corpus = checked_content(work / "content")
    checked = time.perf_counter()
    render_site(corpus)
    return {"check": checked - start, "render": time.perf_counter() - checked}


def child_ours(work: Path) -> dict:
    """`timeline build` in a fresh interpreter, as the CLI runs it: check, then
    MkDocs, whose plugin renders the checked content and, after each page, adds
    its policy and audits it (generator/mkdocs_adapter/plugin.py)."""
    from generator import pipeline
    from generator.mkdocs_adapter import plugin
    from generator.mkdocs_adapter.engine import build_site

    content = work / "content"
    spent = {"hook": 0.0, "write": 0.0, "integrity": 0.0}

    def timed(function, bucket: str):
        def run(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[bucket] += time.perf_counter() - began

        return run

    plugin.generate = timed(pipeline.generate, "hook")
    pipeline.write_pages = timed(pipeline.write_pages, "write")
    for name in ("read_page", "with_policy", "audit_page", "theme_of"):
        setattr(plugin, name, timed(getattr(plugin, name), "integrity"))
    began = time.perf_counter()
    corpus = pipeline.checked_content(content)
    build_checked = time.perf_counter()
    build_site(ROOT / "mkdocs.yml", content, work / "site", work / "docs", corpus)  # as the CLI
    built = time.perf_counter()
    return {
        "total": built - began,
        "build_check": build_checked - began,
        **spent,
        "peak_mb": _peak_mb(),
        # The largest of the processes it started (the render's, the pages' builders).
        "helper_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def child_warm(work: Path) -> dict:
    """`timeline build --page-cache` as the CLI runs it, from the cache the build
    before left (generator/cli/commands.py)."""
    from generator import checking
    from generator.mkdocs_adapter.engine import build_site

    content, cache = work / "content", work / "page-cache"
    began = time.perf_counter()
    corpus = checking.checked_content(content, ROOT / "pages", cache=cache)
    checked = time.perf_counter()
    build_site(ROOT / "mkdocs.yml", content, work / "warm-site", work / "warm-docs", corpus,
               page_cache=cache)  # fmt: skip
    return {"total": time.perf_counter() - began, "check": checked - began,
            "peak_mb": _peak_mb()}  # fmt: skip


def edit_event(work: Path, i: int) -> None:
    """Change the title of the `i`th event (a commit's worth of change)."""
    events = sorted((work / "content" / "timelines" / SLUG / "events").glob("*.yaml"))
    event = events[i * 7919 % len(events)]
    text = event.read_text(encoding="utf-8")
    edited = text.replace("\ntitle: ", f"\ntitle: Edited {i} ", 1)
    assert edited != text, event
    event.write_text(edited, encoding="utf-8")


def child_floor(work: Path) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from synth import FLOOR_MKDOCS

    config_file = work / "floor.yml"
    config_file.write_text(FLOOR_MKDOCS, encoding="utf-8")
    began = time.perf_counter()
    config = load_config(
        str(config_file),
        docs_dir=str(work / "floor-docs"),
        site_dir=str(work / "floor-site"),
        strict=True,
    )
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return {"total": time.perf_counter() - began, "peak_mb": _peak_mb()}


def check_cli(work: Path, cache: str = "") -> float:
    """`timeline check`, without its cache, or with the one in `cache`."""
    began = time.perf_counter()
    subprocess.run(
        [BIN / "timeline", "check", "--content", str(work / "content"), "--cache", cache],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - began


def check_cli_cached(work: Path) -> float:
    """`timeline check` from its cache, after one event changed (as in a commit)."""
    cache = str(work / "check-cache")
    check_cli(work, cache)
    event = sorted((work / "content" / "timelines" / SLUG / "events").glob("*.yaml"))[0]
    original = event.read_bytes()
    event.write_bytes(original + b"# edited\n")
    try:
        return check_cli(work, cache)
    finally:
        event.write_bytes(original)


def site_figures(site: Path, event_glob: str) -> dict:
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    events = [size for p, size in pages.items() if p.match(event_glob)]
    biggest = max(pages, key=pages.__getitem__)
    index = site / "search" / "search_index.json"
    return {
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "pages": len(pages),
        "event_median": statistics.median(events) if events else 0,
        "largest": pages[biggest],
        "largest_page": biggest.relative_to(site).as_posix(),
        "search_bytes": index.stat().st_size if index.is_file() else 0,
    }


def timeline_bytes(site: Path) -> int:
    """The timeline page, or its largest part when it is split by month."""
    root = site / SLUG / "timeline"
    return max((p.stat().st_size for p in root.rglob("index.html")), default=0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def preview_seconds(work: Path) -> float:
    """Edit one event while `timeline serve` runs: seconds until its page shows the edit."""
    events = sorted((work / "content" / "timelines" / SLUG / "events").glob("*.yaml"))
    return serve_edits(ROOT, work, [events[len(work.name) % 7]])[0]


# Runs the command line of the checkout on sys.path[0], whichever is installed.
_MAIN = "import sys; sys.path.insert(0, '.'); from generator.cli import main; sys.exit(main())"


def serve_edits(checkout: Path, tree: Path, events: list[Path]) -> list[float]:
    """Start `timeline serve` from `checkout`; time an edit of each event, undone after."""
    port = _free_port()
    docs = tree / f"serve-docs-{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", _MAIN, "serve", "--content", str(tree / "content"),
         "--docs-dir", str(docs), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=checkout,
        env={**os.environ, "PYTHONPATH": str(checkout)},
    )  # fmt: skip
    originals = {event: event.read_bytes() for event in events}
    times = []
    try:
        first = f"http://127.0.0.1:{port}/{SLUG}/events/{events[0].stem}/"
        deadline = time.monotonic() + 900
        while "<title>" not in _fetch(first):
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit(f"serve from {checkout} did not come up")
            time.sleep(0.5)
        for event in events:
            time.sleep(2)  # the last rebuild over, the watcher settled
            url = f"http://127.0.0.1:{port}/{SLUG}/events/{event.stem}/"
            marker = f"Edited {time.time_ns()}"
            text = originals[event].decode("utf-8")
            event.write_text(text.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
            began = time.perf_counter()
            while marker not in _fetch(url):
                if time.perf_counter() - began > 600:
                    sys.exit("the edit never showed")
                time.sleep(0.02)
            times.append(time.perf_counter() - began)
    finally:
        server.terminate()
        server.wait(timeout=30)
        for event, original in originals.items():
            event.write_bytes(original)
        shutil.rmtree(docs, ignore_errors=True)
    return times


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def search_seconds(site: Path, query: str) -> float:
    """In Chromium: seconds from opening the search box and typing `query` on the
    home page until the first result shows (the index loads in that time)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            began = time.perf_counter()
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            took = time.perf_counter() - began
            browser.close()
            return took
    finally:
        server.shutdown()


def warm_pairs(work: Path, pairs: int) -> list[tuple[float, float, float]]:
    """Warm builds, each after one event changed, in turn with the floor: their
    times, the floor's, and their peak memory."""
    _child("warm", work)  # the cold build that leaves the cache
    timed = []
    for i in range(pairs):
        edit_event(work, i)
        warm = _child("warm", work)
        timed.append((warm["total"], _child("floor", work)["total"], warm["peak_mb"]))
    return timed


def measure(
    events: int, keep: Path | None, preview: bool, pairs: int = 1, warm: bool = False
) -> dict:
    from synth import synthesise, write_floor

    work = Path(tempfile.mkdtemp(prefix=f"scale-{events}-", dir=keep))
    synthesise(work / "content", events)
    write_floor(work / "floor-docs", work / "content")
    row: dict = {"events": events, "check_cli": check_cli(work),
                 "check_cached": check_cli_cached(work)}  # fmt: skip
    row["ours"] = _child("ours", work) | _child("stages", work)
    row["ours"].update(site_figures(work / "site", f"{SLUG}/events/*/index.html"))
    row["ours"]["timeline"] = timeline_bytes(work / "site")
    row["floor"] = _child("floor", work)
    row["floor"].update(site_figures(work / "floor-site", "events/*/index.html"))
    # More builds, ours and the floor's in turn, so that a slow spell of the
    # machine weighs on both alike.
    row["pairs"] = [(row["ours"]["total"], row["floor"]["total"])]
    for _ in range(pairs - 1):
        floor = _child("floor", work)["total"]
        row["pairs"].append((_child("ours", work)["total"], floor))
    if warm:
        row["warm"] = warm_pairs(work, pairs)
    if preview:
        row["preview"] = preview_seconds(work)
    if CHROMIUM.is_file():
        row["search"] = search_seconds(work / "site", _a_title_word(work / "content"))
    if keep is None:
        shutil.rmtree(work)
    return row


def _a_title_word(content: Path) -> str:
    """A long word from an event's title: a realistic query."""
    event = sorted((content / "timelines" / SLUG / "events").glob("*.yaml"))[-1]
    title = next(
        line for line in event.read_text("utf-8").splitlines() if line.startswith("title:")
    )
    return max(title.removeprefix("title:").strip(' "').split(), key=len)


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _spread(values: list[float], unit: str) -> str:
    """One figure, or the least and the median of several."""
    if len(values) == 1:
        return f"{values[0]:.2f}{unit}"
    return f"{min(values):.2f}–{statistics.median(values):.2f}{unit}"


def cells(r: dict) -> dict[str, str]:
    """One column of the table: the figures for one N."""
    ours, floor = r["ours"], r["floor"]
    generator = ours["build_check"] + ours["hook"] - ours["write"]
    mkdocs = ours["total"] - generator - ours["write"] - ours["integrity"]
    column = {
        "`timeline check`, end to end (no cache / cached, one event changed)": (
            f"{r['check_cli']:.2f} / {r['check_cached']:.2f} s"
        ),
        "check (in process)": f"{ours['check']:.2f} s",
        "render": f"{ours['render']:.2f} s",
        "MkDocs build (without our hooks)": f"{mkdocs:.1f} s",
        "generator in `timeline build` (check + render)": (
            f"{generator:.1f} s ({generator / ours['total']:.1%})"
        ),
        "writing the page tree (our hook)": (
            f"{ours['write']:.1f} s ({ours['write'] / ours['total']:.1%})"
        ),
        "policy and audit of the pages the building process builds (our hooks)": (
            f"{ours['integrity']:.1f} s ({ours['integrity'] / ours['total']:.1%})"
        ),
        "**total `timeline build`**": f"**{_spread([o for o, _ in r['pairs']], ' s')}**",
        "floor: plain MkDocs, same text": _spread([f for _, f in r["pairs"]], " s"),
        "**total / floor**": f"**{_spread([o / f for o, f in r['pairs']], '')}**"
        + (f" ({len(r['pairs'])} pairs, min–median)" if len(r["pairs"]) > 1 else ""),
        "peak memory (ours / floor)": f"{ours['peak_mb']:,.0f} / {floor['peak_mb']:,.0f} MB",
        "peak memory of our largest helper process": f"{ours['helper_mb']:,.0f} MB",
        "HTML pages (ours / floor)": f"{ours['pages']:,} / {floor['pages']:,}",
        "site size (ours / floor)": f"{_kb(ours['site_bytes'])} / {_kb(floor['site_bytes'])}",
        "timeline page (largest part)": _kb(ours["timeline"]),
        "median event page (ours / floor)": (
            f"{_kb(ours['event_median'])} / {_kb(floor['event_median'])}"
        ),
        "largest HTML page": f"{_kb(ours['largest'])} `{ours['largest_page']}`",
        "search index (ours / floor)": (
            f"{_kb(ours['search_bytes'])} / {_kb(floor['search_bytes'])}"
        ),
        "search index per event": f"{ours['search_bytes'] / r['events'] / 1024:.2f} KB",
    }
    if "warm" in r:
        column["warm `timeline build` (cache restored, one event changed)"] = _spread(
            [w for w, _, _ in r["warm"]], " s"
        )
        column["**warm / floor**"] = f"**{_spread([w / f for w, f, _ in r['warm']], '')}**"
        column["peak memory of a warm build"] = f"{max(m for _, _, m in r['warm']):,.0f} MB"
    if "preview" in r:
        column["preview: edited page served again"] = f"{r['preview']:.1f} s"
    if "search" in r:
        column["search: first results, index load included"] = f"{r['search']:.1f} s"
    return column


def table(rows: list[dict]) -> str:
    columns = [cells(r) for r in rows]
    lines = ["| | " + " | ".join(f"{r['events']:,} events" for r in rows) + " |"]
    lines.append("|---|" + "---|" * len(rows))
    for label in columns[0]:
        lines.append(f"| {label} | " + " | ".join(c.get(label, "") for c in columns) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--preview", action="store_true", help="also time a live-preview edit")
    parser.add_argument("--keep", type=Path, help="keep the work folders under this folder")
    parser.add_argument(
        "--pairs", type=int, default=1,
        help="build ours and the floor this many times each, in turn (min and median)",
    )  # fmt: skip
    parser.add_argument(
        "--warm", action="store_true",
        help="also time repeat builds from the page cache, one event changed each time",
    )  # fmt: skip
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument(
        "--search-site", nargs=2, metavar=("SITE", "QUERY"), help="only time a search in a site"
    )
    args = parser.parse_args()
    if args.search_site:
        site, query = args.search_site
        print(f"first results after {search_seconds(Path(site), query):.2f} s")
        return
    if args.child:
        mode, work = args.child
        print(
            json.dumps(
                {
                    "ours": child_ours,
                    "stages": child_stages,
                    "floor": child_floor,
                    "warm": child_warm,
                }[mode](Path(work))
            )
        )
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in args.events:
        print(f"measuring {n:,} events...", file=sys.stderr, flush=True)
        rows.append(measure(n, args.keep, args.preview, args.pairs, args.warm))
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
