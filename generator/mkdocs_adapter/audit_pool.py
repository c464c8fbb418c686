"""The audit of each built page, on the machine's other cores while MkDocs goes
on building the next pages in this process.

Reading a page with the HTML5 parser and auditing it was a sixth of a build, in
the one process MkDocs builds in. Here the pages go in batches to worker
processes, and the build waits for their findings only at its end: the same
findings, in the same order, so the same build fails or passes as before.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..processes import forking
from ..site_checks.audit import Finding, Theme, audit_page

BATCH = 16  # pages a task: few enough to spread, enough to pay for sending them
# Below this many pages, starting workers costs more than it saves.
SMALLEST_SITE = 200


def _audit(theme: Theme, site: Path, pages: list[tuple[str, str]]) -> list[Finding]:
    return [finding for rel, html in pages for finding in audit_page(rel, html, site, theme)]


class AuditPool:
    def __init__(self, theme: Theme, site: Path, workers: int):
        context = forking() or multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(workers, mp_context=context)
        self.theme, self.site = theme, site
        self.batch: list[tuple[str, str]] = []
        self.tasks: list[Future[list[Finding]]] = []

    def submit(self, rel: str, html: str) -> None:
        self.batch.append((rel, html))
        if len(self.batch) >= BATCH:
            self._send()

    def _send(self) -> None:
        if self.batch:
            self.tasks.append(self.executor.submit(_audit, self.theme, self.site, self.batch))
            self.batch = []

    def findings(self) -> list[Finding]:
        """Every page's findings, once all are audited; the workers then stop."""
        self._send()
        try:
            return sorted(finding for task in self.tasks for finding in task.result())
        finally:
            self.executor.shutdown()

    def close(self) -> None:
        """Stop without waiting (the build failed)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
