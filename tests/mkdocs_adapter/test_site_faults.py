"""Faults while a site is written: a build killed at each step of the swap, a
read-only or full disk, two builds at once. After each, the site is the old one
or the new one, whole, never a mix and never gone for good; the next build
removes what a killed one left; and the editor is told what happened."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import REPO, SPEECH, VALID_CONTENT

from generator import site_folder
from generator.mkdocs_adapter.engine import BuildFailed, build_site

pytestmark = pytest.mark.slow  # several full builds each
CONFIG = REPO / "mkdocs.yml"


def _digest(site: Path) -> str:
    """The whole tree's bytes and names, as one hash."""
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site."))


@pytest.fixture(scope="module")
def contents(tmp_path_factory):
    """Two contents (old, new), and the digest of each one's site."""
    root = tmp_path_factory.mktemp("faults")
    new = root / "new"
    shutil.copytree(VALID_CONTENT, new)
    speech = new / SPEECH
    speech.write_text(speech.read_text().replace("addresses the nation", "speaks on radio"))
    digests = {}
    for name, content in (("old", VALID_CONTENT), ("new", new)):
        build_site(CONFIG, content, root / f"ref-{name}" / "site", root / f"ref-{name}" / "docs")
        digests[name] = _digest(root / f"ref-{name}" / "site")
    return {"old": VALID_CONTENT, "new": new, "digests": digests}


# A build that kills itself just before the n-th step of the swap: the exchange
# (or, where there is none, the two renames) and the removal of the old site.
KILLER = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from pathlib import Path
    from generator import site_folder
    from generator.mkdocs_adapter import engine

    mode, kill_before, config, content, site, docs = sys.argv[1:]
    steps = 0

    def step(real):
        def run(*args, **kwargs):
            global steps
            if steps == int(kill_before):
                os.kill(os.getpid(), signal.SIGKILL)
            steps += 1
            return real(*args, **kwargs)
        return run

    def swap_in(new, target):
        if mode == "exchange":
            site_folder.exchange = step(site_folder.exchange)
        else:  # a system without renameat2
            site_folder.exchange = lambda a, b: False
            os.rename = step(os.rename)
        shutil.rmtree = step(shutil.rmtree)
        real_swap(new, target)

    real_swap = site_folder.swap_in
    engine.swap_in = swap_in
    engine.build_site(Path(config), Path(content), Path(site), Path(docs))
    """
)

# (how the swap is made, the step it is killed before, what the site is then)
KILLS = [
    ("exchange", 0, "old"),  # built, not swapped
    ("exchange", 1, "new"),  # swapped, the old one not yet removed
    ("renames", 0, "old"),
    ("renames", 1, None),  # the old site moved aside, the new one not yet in
    ("renames", 2, "new"),
]


@pytest.mark.parametrize(("mode", "kill_before", "then"), KILLS)
def test_a_build_killed_at_each_step_of_the_swap(tmp_path, contents, mode, kill_before, then):
    site, docs = tmp_path / "site", tmp_path / "docs"
    build_site(CONFIG, contents["old"], site, docs)
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, mode, str(kill_before), str(CONFIG),
         str(contents["new"]), str(site), str(docs)],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert len(_leftovers(tmp_path)) > 1  # its fresh folder, or the old site set aside
    if then is None:
        assert not site.exists()
        with site_folder.site_lock(site.resolve()):
            site_folder.recover(site.resolve())  # what the next build does first
        then = "old"
    assert _digest(site) == contents["digests"][then]
    build_site(CONFIG, contents["new"], site, docs)
    assert _digest(site) == contents["digests"]["new"]
    assert _leftovers(tmp_path) == [".site.lock"]


def test_a_second_build_of_the_same_site_is_told_to_wait(tmp_path, contents):
    site = tmp_path / "site"
    build_site(CONFIG, contents["old"], site, tmp_path / "docs")
    with site_folder.site_lock(site.resolve()):
        run = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--content", str(contents["new"]),
             "--site-dir", str(site), "--docs-dir", str(tmp_path / "docs")],
            cwd=REPO, capture_output=True, text=True,
        )  # fmt: skip
    assert run.returncode == 1
    assert f"another build is writing {site.resolve().as_posix()} (process {os.getpid()}): " in (
        run.stderr
    )
    assert "Traceback" not in run.stderr
    assert _digest(site) == contents["digests"]["old"]


def test_two_builds_at_once_never_mix_their_sites(tmp_path, contents):
    site = tmp_path / "site"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                "--content",
                str(contents[name]),
                "--site-dir",
                str(site),
                "--docs-dir",
                str(tmp_path / f"docs-{name}"),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("old", "new")
    ]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for code, said in outcomes:
        assert code == 0 or (code == 1 and "another build is writing" in said), said
    assert any(code == 0 for code, _ in outcomes)
    assert _digest(site) in contents["digests"].values()
    assert _leftovers(tmp_path) == [".site.lock"]


def test_leftovers_of_killed_builds_are_removed_and_a_half_swapped_site_restored(tmp_path):
    target = tmp_path / "site"
    (tmp_path / ".site.old-123").mkdir()
    (tmp_path / ".site.old-123/index.html").write_text("the old site")
    (tmp_path / ".site.new-456").mkdir()
    with site_folder.site_lock(target):
        removed = site_folder.recover(target)
    assert (target / "index.html").read_text() == "the old site"
    assert [p.name for p in removed] == [".site.new-456"]
    assert _leftovers(tmp_path) == [".site.lock"]


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MB tmpfs, mounted for the test: room for one site, not two."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_the_build_and_keeps_the_old_site(small_disk, tmp_path, contents):
    site = small_disk / "site"
    build_site(CONFIG, contents["old"], site, tmp_path / "docs")
    assert _digest(site) == contents["digests"]["old"]
    # Fill what is left, but for a few kilobytes.
    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    filler.write_bytes(b"\0" * max(0, free - 64 * 1024))
    with pytest.raises(BuildFailed) as failed:
        build_site(CONFIG, contents["new"], site, tmp_path / "docs")
    assert "left as it was: could not write" in str(failed.value)
    assert "No space left on device; free some space on that disk" in str(failed.value)
    assert _digest(site) == contents["digests"]["old"]
    assert _leftovers(small_disk) == [".site.lock"]
    filler.unlink()
    build_site(CONFIG, contents["new"], site, tmp_path / "docs")
    assert _digest(site) == contents["digests"]["new"]


def test_a_read_only_disk_fails_the_build_and_keeps_the_old_site(small_disk, tmp_path, contents):
    site = small_disk / "site"
    build_site(CONFIG, contents["old"], site, tmp_path / "docs")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(BuildFailed) as failed:
        build_site(CONFIG, contents["new"], site, tmp_path / "docs")
    assert "Read-only file system; build on a disk you can write to" in str(failed.value)
    assert _digest(site) == contents["digests"]["old"]
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(contents["new"]),
         "--site-dir", str(site), "--docs-dir", str(tmp_path / "docs")],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "could not write" in run.stderr
