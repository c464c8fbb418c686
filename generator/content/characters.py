"""Characters no text may hold, however it is written: raw in a file, escaped in
a double-quoted YAML value, or as a character reference in Markdown."""

from __future__ import annotations

import re

# Characters that are invisible, reorder text (Trojan Source) or break lines
# in some editors but not others. Tabs are listed separately for a better hint.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ODD_LINE_BREAKS = {"\u2028", "\u2029", "\u0085"}

# Every character refused: tab, CR, C0/C1 controls (but not the newline),
# surrogates, byte-order and non-characters, bidi and odd line breaks.
SUSPECT = re.compile(
    "[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff"
    + "".join(sorted(BIDI | ODD_LINE_BREAKS))
    + "]"
)


def character_problem(ch: str) -> str:
    """What is wrong with `ch`, one of SUSPECT's, and what to do."""
    if ch == "\t":
        return "tab character: YAML needs spaces; replace the tab with spaces"
    if ch == "\r":
        return "stray carriage return (CR): save the file with LF or CRLF line endings"
    if ch in BIDI:
        return (
            f"invisible text-direction character U+{ord(ch):04X}: it can make text "
            "read differently from what is stored; delete it"
        )
    if ch in ODD_LINE_BREAKS:
        return f"unusual line break U+{ord(ch):04X}: replace it with a normal line break"
    return f"control character U+{ord(ch):04X} is not allowed: delete it"
