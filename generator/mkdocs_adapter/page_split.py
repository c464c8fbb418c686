"""MkDocs' page loop on every core: each process builds its share of the pages.

Once every page is read and converted, MkDocs renders the theme around each page,
indexes it for search and writes it, one page after the other, in one process:
most of a large build. A plugin cannot change that loop, but it can let several
processes run it. At the first page the building process forks; every process
then goes through the same loop and builds one page in N (its own share), and
for every other page renders an empty template, which MkDocs does not write, and
indexes nothing. Each process sets each of its pages' policy and audits it.

The other processes send back what belongs to the site as a whole (their pages'
search entries, their findings, their warnings) and stop after their last page;
the building process puts the search entries back in page order before the
search plugin writes its index. The site is the same, byte for byte, as when one
process builds it (tested).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.utils import write_file

from ..site_checks.audit import Finding

# A template that renders nothing (in the theme's folder): MkDocs writes no page.
ELSEWHERE = "page-built-elsewhere.html"
# Below this many pages, forking costs more than it saves.
SMALLEST_SITE = 200


@dataclass
class Share:
    """What one process sends back of the pages it built."""

    entries: list[tuple[int, list[Any]]] = field(default_factory=list)  # by page number
    findings: list[Finding] = field(default_factory=list)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # logger, level, text
    failure: str = ""
    built: dict[str, list[Any]] = field(default_factory=dict)  # pages kept (built_pages.py)


class _Kept(logging.Handler):
    """A share's warnings, for the building process to report (and, in strict
    mode, count) as its own."""

    def __init__(self, share: Share):
        super().__init__(logging.WARNING)
        self.share = share

    def emit(self, record: logging.LogRecord) -> None:
        self.share.warnings.append((record.name, record.levelno, record.getMessage()))


class PageSplit:
    """MkDocs' `pages`, in the order it builds them, dealt out to `processes`
    processes; `search` is the search plugin's index (None without one)."""

    def __init__(self, pages: list[Any], processes: int, search: Any | None):
        self.pages = pages
        self.uris = [page.file.src_uri for page in pages]
        self.number = {uri: n for n, uri in enumerate(self.uris)}
        self.processes = processes
        self.search = search
        self.rank = 0  # this process's share: 0 is the building process
        self.started = False
        self.share = Share()
        self.children: list[tuple[int, Connection]] = []
        self.out: Connection | None = None  # in another process: to the building one
        self.indexed = 0  # search entries already given to a page
        self.before = 0  # search entries made before the pages (kept first)
        self.quiet: logging.Filter | None = None
        self.last = -1  # the number of this process's last page

    def start(self) -> None:
        """Fork the other processes (at the first page MkDocs builds, before search
        reads it) and give every page its process."""
        self.started = True
        for rank in range(1, self.processes):
            reader, writer = Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:
                reader.close()
                for _, other in self.children:
                    other.close()
                self.children, self.out, self.rank = [], writer, rank
                self._keep_warnings()
                # Interrupted, it stops at once: unwinding would run the command's
                # clean-up (the new site folder removed) a second time.
                signal.signal(signal.SIGINT, lambda *_: os._exit(1))
                break
            writer.close()
            self.children.append((pid, reader))
        entries = self.search.entries if self.search is not None else []
        self.before = self.indexed = len(entries)
        for uri, page in zip(self.uris, self.pages, strict=True):
            if not self.mine(uri):
                page.meta = {**page.meta, "template": ELSEWHERE, "search": {"exclude": True}}
        ours = [n for n in range(len(self.uris)) if n % self.processes == self.rank]
        self.last = ours[-1] if ours else -1
        if self.rank == 0:
            said = "Page skipped: '{}'. Generated empty output."
            self.quiet = _Dropping({said.format(uri) for uri in self.elsewhere()})
            logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)

    def elsewhere(self) -> list[str]:
        """The pages another process builds."""
        return [uri for uri in self.uris if not self.mine(uri)]

    def _keep_warnings(self) -> None:
        """In another process: keep warnings for the building process, print nothing."""
        mkdocs = logging.getLogger("mkdocs")
        for handler in list(mkdocs.handlers):
            mkdocs.removeHandler(handler)
        mkdocs.addHandler(_Kept(self.share))
        mkdocs.propagate = False

    def mine(self, uri: str) -> bool:
        """Whether this process builds the page (one it was not told of: the building one)."""
        number = self.number.get(uri)
        return self.rank == 0 if number is None else number % self.processes == self.rank

    def indexed_page(self, uri: str) -> None:
        """After the search plugin read the page: its entries are this page's."""
        if self.search is None:
            return
        entries = self.search.entries
        if self.mine(uri) and uri in self.number:
            self.share.entries.append((self.number[uri], entries[self.indexed :]))
        self.indexed = len(entries)

    def built(self, uri: str, output: str, dest: str, findings: list[Finding]) -> None:
        """In another process, after its last page: write that page (MkDocs would, as
        it returns), send the share and its `findings`, and stop before MkDocs
        builds anything else."""
        if self.out is None or self.number.get(uri) != self.last:
            return
        if output.strip():
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), dest)
        self.finish(findings)

    def finish(self, findings: list[Finding], error: BaseException | None = None) -> None:
        """In another process: send what it did (or how it failed), and stop."""
        assert self.out is not None
        self.share.findings = findings
        if error is not None:
            self.share.failure = "".join(traceback.format_exception(error))
        status = 1 if error is not None else 0
        try:
            self.out.send_bytes(pickle.dumps(self.share))
        except BaseException:  # the building process reports the broken pipe
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)

    def gather(self) -> list[Finding]:
        """In the building process, once its pages are built: the others' warnings
        reported, the search entries of all put in page order; the others' findings."""
        self._unquiet()
        shares = [self.share]
        for pid, reader in self.children:
            try:
                share = pickle.loads(reader.recv_bytes())
            except EOFError:
                share = Share(failure="the process stopped without a word")
            os.waitpid(pid, 0)
            shares.append(share)
        self.children = []
        for share in shares[1:]:
            for name, level, text in share.warnings:
                logging.getLogger(name).log(level, text)
        for share in shares[1:]:
            self.share.built.update(share.built)
        failed = [share.failure for share in shares if share.failure]
        if failed:
            raise Abort("building pages in another process failed:\n" + failed[0])
        if self.search is not None:
            merged = sorted((e for share in shares for e in share.entries), key=lambda e: e[0])
            kept = self.search.entries[: self.before]
            self.search.entries = kept + [e for _, entries in merged for e in entries]
        return [finding for share in shares[1:] for finding in share.findings]

    def stop(self) -> None:
        """In the building process, when the build failed: the others are no use."""
        self._unquiet()
        for pid, reader in self.children:
            reader.close()
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except ProcessLookupError:
                pass
        self.children = []

    def _unquiet(self) -> None:
        if self.quiet is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet)
            self.quiet = None


class _Dropping(logging.Filter):
    """MkDocs' note that a page built elsewhere was skipped here: not news."""

    def __init__(self, messages: set[str]):
        super().__init__()
        self.messages = messages

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages
