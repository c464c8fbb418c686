"""Turn pydantic's validation errors into editor-facing problems.

Messages are keyed on pydantic's error *types*, never on its English text, and
each one says what is wrong, where, and how to fix it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .strict_yaml import Parsed
from .suggest import closest, did_you_mean


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields live at `loc` (ignoring list indices)."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
        )
        if field is None:
            return None
        inner = field.annotation
        for candidate in (inner, *getattr(inner, "__args__", ())):
            for arg in (candidate, *getattr(candidate, "__args__", ())):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    model = arg
                    break
            else:
                continue
            break
        else:
            return None
    return model


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _example(model: type[BaseModel] | None, name: str) -> str:
    if model is None:
        return "..."
    for field_name, field in model.model_fields.items():
        if (field.alias or field_name) == name and field.examples:
            return json.dumps(field.examples[0], ensure_ascii=False)
    return "..."


def _what(model: type[BaseModel] | None, name: str) -> str:
    """What a field holds, as its documentation says ("one paragraph of plain text,
    in your own words"): the same in every story, unlike an example."""
    fields = model.model_fields.items() if model is not None else []
    found = next((f.description for n, f in fields if (f.alias or n) == name), None)
    if not found:
        return f"for example {_example(model, name)}"
    first = found.split("\n\n")[0].rstrip(".")
    keep_case = first[:2].isupper()  # IANA, URL
    return " ".join((first if keep_case else first[0].lower() + first[1:]).split())


def _message(model: type[BaseModel], error: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = str(loc[-1]) if loc else ""
    parent = _model_at(model, loc[:-1])
    match kind:
        case "extra_forbidden":
            fields = _field_names(parent)
            if hint := closest(name, fields):
                return f"unknown field '{name}' (did you mean '{hint}'?): correct the spelling"
            return f"unknown field '{name}': the fields here are {', '.join(fields)}"
        case "missing":
            return f"missing required field '{name}': add {name}: {_what(parent, name)}"
        case "string_type" if isinstance(value, (bool, int, float)):
            return f"must be text, not {_describe(value)}: put the value in quotes"
        case "string_type":
            return f"must be text, not {_describe(value)}: write the text after the colon"
        case "int_type" | "int_parsing" | "int_from_float":
            return f"must be a whole number like 1, not {_describe(value)}"
        case "bool_type":
            return f"must be true or false, not {_describe(value)}"
        case "list_type":
            return f"must be a list (one '- item' per line), not {_describe(value)}"
        case "model_type" | "model_attributes_type" | "dict_type":
            return f"must be a mapping of fields (name: value lines), not {_describe(value)}"
        case "literal_error":
            options = [
                o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
            ]
            hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
            return f"'{value}' is not allowed{hint}: choose one of {', '.join(options)}"
        case "too_short":
            least = int(ctx.get("min_length", 1))
            return (
                f"needs at least {least} item{'s' if least > 1 else ''}: add one '- ' line for each"
            )
        case "string_too_short":
            return "must not be empty: write a value, or delete the line if the field is optional"
        case "string_pattern_mismatch":
            return f"'{value}' is not in the expected form: see schemas/README.md for examples"
    return str(error["msg"])


def problems_from(
    exc: ValidationError, model: type[BaseModel], parsed: Parsed, source_path: str
) -> list[Problem]:
    """One problem per pydantic error, at the line and column of the offending key or value."""
    errors = exc.errors()
    # A required field that is only missing because its key is misspelt: the
    # "unknown field ... did you mean" problem says it all.
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            hint = closest(str(loc[-1]), _field_names(_model_at(model, loc[:-1])))
            if hint and (*loc[:-1], hint) in missing:
                misspelt.add((*loc[:-1], hint))
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        if parsed.is_refused(loc) or loc in misspelt:
            continue  # already explained by another problem
        if error["type"] == "missing" and loc[:-1] in parsed.incomplete:
            continue
        if error["type"] == "markdown_subset" and loc in parsed.blocks:
            problems += _markdown_problems(error, loc, parsed.blocks[loc], source_path)
            continue
        if error["type"] == "extra_forbidden":
            where = parsed.position(loc, key=True)
        elif error["type"] == "missing":
            where = parsed.position(loc[:-1])
        else:
            where = parsed.position(loc)
        # Name the field with the bad value, or the mapping that lacks or has too many keys.
        named = loc[:-1] if error["type"] in ("extra_forbidden", "missing") else loc
        prefix = f"{_dotted(named)}: " if named else ""
        code = error["type"].replace("_", "-")
        problems.append(
            Problem(source_path, where.line, where.column, prefix + _message(model, error), code)
        )
    return problems


def _markdown_problems(
    error: dict[str, Any], loc: tuple[Any, ...], start: Any, source_path: str
) -> list[Problem]:
    """A literal block's Markdown problems, each at its own line of the file."""
    return [
        Problem(
            source_path,
            start.line + line - 1,
            start.column,
            f"{_dotted(loc)}: {message}",
            "markdown-subset",
        )
        for line, message in error["ctx"]["lines"]
    ]
