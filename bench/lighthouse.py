"""Lighthouse scores of the built site: home, timeline and an event page.

Run once:  npm install --prefix bench
Then:      .venv/bin/python bench/lighthouse.py [--content DIR] [--event ID]

Builds the site into a temporary folder, serves it on 127.0.0.1 (compressed with
gzip, as static hosts and CDNs serve it) and runs
Lighthouse (mobile preset, its default) with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium). Prints performance, accessibility, best
practices and SEO for each page. Targets: performance >= 0.95, the rest 1.0.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.mkdocs_adapter.engine import build_site  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What the performance score is made of (milliseconds; the layout shift a fraction).
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")  # fmt: skip
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves the site as static hosts and CDNs do: text compressed with gzip.
    (Python's plain server sends it uncompressed, which no real host does.)"""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", "/")

    def log_message(self, format, *args):
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (
            wants_gzip and path.is_file() and self.path.split("?")[0].endswith(self.COMPRESSIBLE)
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)


def _scores(url: str) -> dict[str, float]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )  # fmt: skip
    report = json.loads(result.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    return scores | {m: report["audits"][m]["numericValue"] for m in METRICS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--timeline", default="kabul-calls")
    parser.add_argument("--event", default="blinken-wang-call")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: npm install --prefix bench")
    with tempfile.TemporaryDirectory() as tmp:
        build_site(ROOT / "mkdocs.yml", args.content, Path(tmp, "site"), Path(tmp, "docs"))
        handler = functools.partial(_StaticHost, directory=str(Path(tmp, "site")))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        pages = {
            "home": base,
            "timeline": f"{base}{args.timeline}/timeline/",
            "event": f"{base}{args.timeline}/events/{args.event}/",
        }
        print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
        found = {}
        try:
            for name, url in pages.items():
                found[name] = scores = _scores(url)
                print(f"{name:<10}" + "".join(f"{scores[c]:>16.2f}" for c in CATEGORIES))
        finally:
            server.shutdown()
        print(f"\n{'page':<10}" + "".join(f"{m.replace('-', ' ')[:22]:>24}" for m in METRICS))
        for name, scores in found.items():
            print(f"{name:<10}" + "".join(f"{scores[m]:>24.3f}" for m in METRICS))


if __name__ == "__main__":
    main()
