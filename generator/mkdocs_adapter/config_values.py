"""Plain values of an MkDocs configuration, read without loading MkDocs: where the
command line needs one before (or without) a build.

MkDocs' own loader resolves tags (!ENV, !relative, !!python/name:) that a plain
YAML reader refuses; here they read as nothing, and the other values as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PLUGIN = "timeline"  # the plugin's name under `plugins:` in mkdocs.yml (see pyproject.toml)


class _TagsIgnored(yaml.SafeLoader):
    pass


_TagsIgnored.add_multi_constructor("", lambda loader, suffix, node: None)


def configured(config_file: Path, key: str) -> Any:
    """The value of `key` in the configuration file, or None if it has none (or the
    file cannot be read)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TagsIgnored)
    except (OSError, yaml.YAMLError):
        return None
    return config.get(key) if isinstance(config, dict) else None


def plugin_folder(config_file: Path, plugin: str, option: str, default: str) -> Path:
    """A folder option of a plugin (`plugins: [timeline: {pages: pages}]`), beside
    the configuration file as the plugin resolves it."""
    plugins = configured(config_file, "plugins")
    value: Any = None
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get(plugin), dict):
            value = entry[plugin].get(option)
    return config_file.resolve().parent / (value if isinstance(value, str) else default)


def plugin_option_position(
    config_file: Path, plugin: str, keys: tuple[str, ...]
) -> tuple[int, int] | None:
    """Where a plugin's option (`plugins: [timeline: {colours: {dark: ...}}]`) is
    written, as a 1-based (line, column): the deepest of `keys` found."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_TagsIgnored)
    except (OSError, yaml.YAMLError):
        return None
    entries = _child(root, "plugins")
    node = None
    for entry in entries.value if isinstance(entries, yaml.SequenceNode) else []:
        node = _child(entry, plugin) or node
    found = node
    for key in keys:
        node = _child(node, key)
        if node is None:
            break
        found = node
    return (found.start_mark.line + 1, found.start_mark.column + 1) if found else None


def _child(node: Any, key: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if name.value == key), None)
