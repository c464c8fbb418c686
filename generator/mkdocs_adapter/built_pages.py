"""Each built page kept between builds: a repeat build writes it again without
rendering the theme around it, indexing it for search or auditing it.

MkDocs' own `--dirty` build skips a page whose source is older than its output:
it misses a page whose menus or theme changed, and leaves a search index of the
rebuilt pages only. Here a page is kept under a key of everything its built HTML
is made from: its source (front matter and body), its address, whether the
targets of its Markdown links exist, the navigation (every page's menus and
previous and next links come from it), the configuration, the theme's files and
the versions of what renders them, and this package's code (the policy and the
audit). A page with that key was built by a build that passed; it is written
again as it was, with the search entries it had, in its place in the index: the
site is the same, byte for byte, as a build without the cache (tested).

A kept page is read once, to be checked: one of another size than it was kept
with (cut short, edited) is built again; one changed but of the same size fails
the build, and is removed, so that the next build builds it afresh. The site's
page is then the kept file itself, linked (a copy where links cannot be made):
a kept file is only ever replaced whole, never written in place.

A page is still read and converted (its Markdown conversion has its own cache),
so every warning MkDocs gives about a page's links is given again; rendering
the theme around a page, indexing and auditing it warn of nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from ..cache_files import KeptFiles, read_cache_json, write_cache_file
from ..kept_values import files_digest
from .page_cache import link_targets

FORMAT = 3  # 3: kept files are linked into the site
INDEX = "index.json"
# The configuration a page's theme reads; the folders it is built from and into do not matter.
_CONFIG = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
    "repo_name", "edit_uri", "edit_uri_template", "use_directory_urls", "extra",
    "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs", "nav",
)  # fmt: skip


def site_key(config: Any, code: str) -> str:
    """What every built page depends on besides itself; `code` is this package's
    and its renderers' (kept_values.code_digest)."""
    material = find_spec("material")
    versioned = Path(material.origin).parent if material and material.origin else None
    digest = hashlib.sha256()
    parts = {
        "format": FORMAT,
        "code": code,
        "jieba": find_spec("jieba") is not None,  # search splits Chinese text with it
        "config": {key: config.get(key) for key in _CONFIG},
        "theme": [config.theme.name, dict(config.theme.items())],
        "plugins": [
            [name, type(plugin).__qualname__, dict(plugin.config)]
            for name, plugin in config.plugins.items()
        ],
    }
    # Anything not plain data is written by its str(): an unstable one (an
    # object's address) only keeps pages from being reused, never reuses them wrongly.
    digest.update(json.dumps(parts, sort_keys=True, default=str).encode("utf-8"))
    for folder in config.theme.dirs:  # the theme's own files come with its version
        if versioned is None or not Path(folder).is_relative_to(versioned):
            files_digest(Path(folder), digest)
    return digest.hexdigest()


def _encoded(output: str) -> bytes:
    return output.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it


@dataclass
class BuiltPages:
    """The kept pages in `folder`: by key, the digest of the page's bytes, its
    search entries and its size. `search` is the search plugin's index (None without one)."""

    folder: Path
    site: str
    search: Any | None = None
    kept: dict[str, list[Any]] = field(default_factory=dict)
    new: dict[str, list[Any]] = field(default_factory=dict)  # pages built this time
    keys: dict[str, str] = field(default_factory=dict)  # this build's, by page source
    hits: set[str] = field(default_factory=set)  # the pages written from the cache
    indexed: int = 0  # search entries before the page being built
    entries: dict[str, list[Any]] = field(default_factory=dict)  # of pages built, by source
    files: KeptFiles = field(init=False)

    def __post_init__(self) -> None:
        self.files = KeptFiles(self.folder, ".html")

    @classmethod
    def load(cls, folder: Path, site: str, search: Any | None) -> BuiltPages:
        pages = cls(folder, site, search)
        data = read_cache_json(folder / INDEX)  # none, or unreadable: all built afresh
        if data.get("format") == FORMAT:
            pages.kept = data.get("pages") or {}
        return pages

    def look_up(self, page: Any, markdown: str, files: Any) -> bool:
        """Whether `page` (read, its front matter escaped) is kept: if so, MkDocs
        renders an empty template for it and search skips it."""
        src = page.file.src_uri
        meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
        text = "\0".join([self.site, src, page.file.dest_uri, page.url or "", meta, markdown,
                          *link_targets(page, markdown, files)])  # fmt: skip
        key = self.keys[src] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        record = self.kept.get(key)
        if record is None or not self.files.has(key, record[2]):  # read once, in `output`
            return False
        self.hits.add(src)
        return True

    def before_search(self) -> None:
        self.indexed = len(self.search.entries) if self.search is not None else 0

    def after_search(self, src: str) -> None:
        """A kept page's search entries go where its own indexing would put them."""
        if self.search is None or src not in self.keys:
            return
        if src in self.hits:
            self.search.entries.extend(self.kept[self.keys[src]][1])
        else:
            self.entries[src] = self.search.entries[self.indexed :]

    def place(self, src: str, dest: str) -> bool:
        """Put a kept page's HTML at `dest` (in the site being built), if `src` is
        one: the kept file itself, linked, where the file system allows (no page
        written, and the old site's pages freed faster), else a copy."""
        if src not in self.hits:
            return False
        key = self.keys[src]
        kept = self.files.path(key)
        data = self.files.read(key, self.kept[key][0])
        if data is None:  # of the size it was written with, but not what was written
            self.files.drop(key)  # so that the next build builds it afresh
            raise Abort(
                f"the kept page {kept} is not the page that was kept "
                "(changed since): build again, and it is built afresh"
            )
        folder = os.path.dirname(dest)
        os.makedirs(folder, exist_ok=True)
        # A new file's permissions, as MkDocs would write it: its folder's, made
        # under the same umask, less the right to run (the kept file is private).
        mode = os.stat(folder).st_mode & 0o666
        try:
            if os.stat(kept).st_mode & 0o777 != mode:
                os.chmod(kept, mode)
            os.link(kept, dest)
        except OSError:  # another file system, or no links: written as MkDocs writes
            Path(dest).write_bytes(data)
        return True

    def keep(self, src: str, output: str) -> None:
        """Keep a page this build made (and audited: it found nothing)."""
        key = self.keys.get(src)
        if key is None or src in self.hits:
            return
        data = _encoded(output)
        self.new[key] = [self.files.write(key, data), self.entries.pop(src, []), len(data)]

    def save(self) -> None:
        """After a build that passed: its pages are the ones kept (only: the cache
        holds one site's pages)."""
        pages = {}
        for key in sorted(self.keys.values()):
            record = self.new.get(key) or self.kept.get(key)
            if record is not None:
                pages[key] = record
        data = {"format": FORMAT, "pages": pages}
        write_cache_file(self.folder, INDEX, json.dumps(data, ensure_ascii=False,
                                                        separators=(",", ":")))  # fmt: skip
        self.files.prune(pages)
