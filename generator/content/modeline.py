"""Where the JSON Schemas live, and the first line that points a content file at its own.

Editors' IDEs read `# yaml-language-server: $schema=...` to complete and check
fields while typing.
"""

from __future__ import annotations

SCHEMA_DIR = "schemas"
# Where each kind of file lives under content/, to point its modeline at the schema.
CONTENT_DEPTH = {"actor": 2, "outlet": 2, "timeline": 3, "event": 4}
CONTENT_DEPTH |= {f"{kind}-translation": depth for kind, depth in CONTENT_DEPTH.items()}


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def modeline(kind: str) -> str:
    """The first line of a content file of `kind`, pointing the IDE at its schema
    (relative to the file, assuming content/ sits beside schemas/)."""
    up = "../" * CONTENT_DEPTH[kind]
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_file(kind)}\n"
