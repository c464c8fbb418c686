"""What the core raises when the user can fix the cause.

Every such failure derives from `UserError`: the command line turns each into
messages and an exit code in one place (`cli.commands`), never a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can fix; its text says what is wrong and what to do."""

    exit_code = 1
    after: str | None = None  # a line to print after the error: what happened meanwhile


class UsageError(UserError):
    """The command was asked for something that cannot be done as asked; `option`
    names the command-line option at fault, when one is."""

    exit_code = 2

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option
