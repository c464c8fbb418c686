"""The write stage: the docs folder holds exactly the rendered pages, and a
preview's write reads back only what may have changed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.render.renderer import Site
from generator.write import WriteCache, write_pages


def _site(**pages: str) -> Site:
    return Site(pages={f"{uri}.md": text for uri, text in pages.items()})


def _folder(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in folder.rglob("*.md")}  # fmt: skip


def test_a_kept_write_reads_back_only_what_changed_outside_it(tmp_path, monkeypatch):
    kept, folder = WriteCache(), tmp_path / "docs"
    site = _site(a="first", b="second", c="third")
    assert sorted(write_pages(site, folder, kept).changed) == ["a.md", "b.md", "c.md"]
    reads: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: reads.append(p.name) or real(p))
    # The same text objects again (a render that reused every page): nothing read.
    assert write_pages(site, folder, kept).changed == []
    assert reads == []
    # A page rendered again to the same text is compared with what was written,
    # in memory, and left alone; one rendered to other text is written, unread.
    site.pages["b.md"] = "".join(["sec", "ond"])
    assert write_pages(site, folder, kept).changed == [] and reads == []
    site.pages["b.md"] = "second, edited"
    assert write_pages(site, folder, kept).changed == ["b.md"] and reads == []
    site.pages["b.md"] = "second"
    assert write_pages(site, folder, kept).changed == ["b.md"] and reads == []
    # A page changed outside the generator is put right, even at the same size.
    (folder / "c.md").write_text("THIRD", encoding="utf-8")
    stat = (folder / "c.md").stat()
    os.utime(folder / "c.md", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    (folder / "a.md").write_text("changed outside", encoding="utf-8")
    assert sorted(write_pages(site, folder, kept).changed) == ["a.md", "c.md"]
    assert _folder(folder) == {"a.md": "first", "b.md": "second", "c.md": "third"}


def test_a_kept_write_of_another_folder_reads_everything(tmp_path):
    kept, site = WriteCache(), _site(a="first")
    write_pages(site, tmp_path / "one", kept)
    (tmp_path / "two").mkdir()
    assert write_pages(site, tmp_path / "two", kept).changed == ["a.md"]
    assert _folder(tmp_path / "two") == {"a.md": "first"}
