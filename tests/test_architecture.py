"""The package's folders are the pipeline's stages, and imports run one way.

A module may import from its own package and from the stages before it, never
from one after it: content -> views -> exports -> render -> write -> pipeline,
then the tools around it. Only the MkDocs adapter imports MkDocs, and only the
command line imports click, so the core runs (and can move to another engine)
without either.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from helpers import REPO

GENERATOR = REPO / "generator"
# Each stage, in the pipeline's order; "" is the base every stage may use.
STAGES = [
    {"", "cache_files", "errors", "gc_pauses", "hand_written", "kept_values", "processes"},
    {"content"},
    {"checking"},
    {"views"},
    {"exports"},
    {"render"},
    {"write", "site_folder"},
    {"pipeline"},
    {"site_checks"},
    {"authoring"},
    {"schemas"},
    {"mkdocs_adapter"},
    {"cli", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}
ONLY_IN = {"mkdocs": "mkdocs_adapter", "material": "mkdocs_adapter", "click": "cli"}


def _modules() -> list[Path]:
    return sorted(p for p in GENERATOR.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    """'generator.content.load' -> 'content'; 'generator' -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every module (or module.name) that `module`'s source imports, relative
    imports resolved."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from . import addresses` imports a module, not only a name
            found += [target, *(f"{target}.{alias.name}" for alias in node.names)]
    return found


def _imports_of(path: Path) -> list[str]:
    return _imports(path.read_text(encoding="utf-8"), _name(path), path.name == "__init__.py")


def test_every_stage_is_a_known_folder():
    stages = {_stage(_name(p)) for p in _modules()}
    assert stages == set(RANK), "a new folder of generator/ needs its place in STAGES"


def _upward(module: str, targets: list[str]) -> list[str]:
    here = RANK[_stage(module)]
    return [
        f"{module} imports {target}"
        for target in targets
        if target.startswith("generator.") and RANK.get(_stage(target), -1) > here
    ]


def test_no_module_imports_a_later_stage():
    upward = [line for p in _modules() for line in _upward(_name(p), _imports_of(p))]
    assert upward == []


def test_only_the_adapter_imports_mkdocs_and_only_the_cli_imports_click():
    misplaced = []
    for path in _modules():
        here = _stage(_name(path))
        for target in _imports_of(path):
            owner = ONLY_IN.get(target.split(".")[0])
            if owner is not None and here != owner:
                misplaced.append(f"{_name(path)} imports {target}")
    assert misplaced == []


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def test_no_two_modules_have_names_one_letter_apart():
    names = {p.stem for p in _modules() if p.stem != "__init__"}
    close = [(a, b) for a, b in itertools.combinations(sorted(names), 2) if _one_edit_apart(a, b)]
    assert close == []


def test_the_checks_see_a_violation():
    """The import reader resolves relative imports, so a misplaced one is caught."""
    source = "from ..cli.commands import main\nfrom . import addresses\nimport click\n"
    targets = _imports(source, "generator.views.probe")
    assert targets == [
        "generator.cli.commands",
        "generator.cli.commands.main",
        "generator.views",
        "generator.views.addresses",
        "click",
    ]
    assert _upward("generator.views.probe", targets) == [
        "generator.views.probe imports generator.cli.commands",
        "generator.views.probe imports generator.cli.commands.main",
    ]
    assert _imports("from .. import __version__", "generator.cli", True) == [
        "generator",
        "generator.__version__",
    ]


def _top_level() -> set[str]:
    """generator/'s stages as the docs name them: `content/`, `write.py`..."""
    names = set()
    for entry in GENERATOR.iterdir():
        if entry.is_dir() and (entry / "__init__.py").is_file():
            names.add(f"{entry.name}/")
        elif entry.suffix == ".py" and entry.stem not in ("__init__", "__main__"):
            names.add(entry.name)
    return names


def test_the_readme_and_the_internals_page_name_every_stage():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    internals = (REPO / "docs" / "internals.md").read_text(encoding="utf-8")
    # The base, which the README leaves out.
    base = {"cache_files.py", "errors.py", "gc_pauses.py", "hand_written.py", "kept_values.py",
            "processes.py"}  # fmt: skip
    assert [n for n in sorted(_top_level() - base) if f"| `{n}` |" not in readme] == []
    assert [n for n in sorted(_top_level()) if f"`{n}`" not in internals] == []
