"""Pytest wiring: the `--update-goldens` switch and the `content_tree` fixture.

`content_tree` copies `tests/fixtures/valid/content/` into the test's tmp_path,
so a test can break one thing and check that exactly that is reported.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import VALID_CONTENT, ContentTree


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/fixtures/ instead of comparing with them.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files rather than compare with them."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def content_tree(tmp_path: Path) -> ContentTree:
    """A fresh, valid content tree (one timeline, `demo`) in tmp_path/content."""
    root = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, root, symlinks=True)
    return ContentTree(root)
