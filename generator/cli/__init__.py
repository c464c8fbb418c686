"""The `timeline` command (the only package that imports click)."""

from .commands import main

__all__ = ["main"]
