"""The built site's folder, replaced whole or not at all.

A build writes a fresh folder beside the site (`.site.new-*`) and swaps it in
once it is complete. The swap is one atomic exchange where the system has it
(Linux's renameat2 with RENAME_EXCHANGE): at every instant the site is the old
one or the new one. Elsewhere it is two renames through `.site.old-*`, and a
build killed between them leaves no site: the next build puts the old one back
before it starts. Either way the next build removes what a killed one left.

One build at a time writes a site: a lock file beside it (`.site.lock`) is held
for the whole build, and a second build is told who holds it.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class SiteBusy(UserError):
    """Another build is writing the same site folder."""


def shown(path: Path) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _beside(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}")


@contextmanager
def site_lock(target: Path) -> Iterator[None]:
    """Hold the site's lock for a build; SiteBusy if another build holds it."""
    lock = _beside(target, "lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise SiteBusy(
                f"another build is writing {shown(target)} (process {holder}): "
                "wait for it to finish, then build again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # the file stays: removing it would race with the next build


def recover(target: Path) -> list[Path]:
    """Undo what a killed build left beside `target` (call with the lock held):
    put back a site taken away between the two renames of a swap, and remove
    the folders of killed builds. Returns what was removed."""
    parent = target.parent
    olds = sorted(parent.glob(f".{target.name}.old-*"))
    if olds and not target.exists():
        olds.pop().rename(target)
    leftovers = olds + sorted(parent.glob(f".{target.name}.new-*"))
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return leftovers


def fresh_folder(target: Path) -> Path:
    """A new empty folder beside `target`, on the same file system, to build into."""
    path = _beside(target, f"new-{os.getpid()}")
    path.mkdir()
    return path


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(new: Path, target: Path) -> None:
    """Put the complete folder `new` where `target` is, replacing it whole."""
    if not target.exists():
        os.rename(new, target)
    elif exchange(new, target):
        # `new` holds the old site now; what cannot be removed, the next build removes.
        shutil.rmtree(new, ignore_errors=True)
    else:
        old = _beside(target, f"old-{os.getpid()}")
        os.rename(target, old)
        try:
            os.rename(new, target)
        except OSError:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
