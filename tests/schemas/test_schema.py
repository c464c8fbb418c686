"""The JSON Schemas that editors' IDEs use: fresh, and in agreement with the model."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import pytest
from helpers import (
    AFTERMATH,
    FREEDONIA,
    GAZETTE,
    REPO,
    RUFUS,
    SPEECH,
    TIMELINE,
    VALID_CONTENT,
    VALID_FILES,
    VOTE,
)
from jsonschema import Draft202012Validator

from generator.content import translation_model
from generator.content.model import MODELS
from generator.content.modeline import CONTENT_DEPTH, modeline, schema_file
from generator.content.strict_yaml import parse_yaml
from generator.content.translation_model import TRANSLATIONS
from generator.schemas.json_schemas import build_schemas

SCHEMAS = REPO / "schemas"
KIND = {RUFUS: "actor", FREEDONIA: "actor", GAZETTE: "outlet", TIMELINE: "timeline"}
KIND |= {SPEECH: "event", VOTE: "event", AFTERMATH: "event"}


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads(build_schemas()[schema_file(kind)])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def data_of(rel: str, text: str | None = None):
    if text is None:
        text = (VALID_CONTENT / rel).read_text(encoding="utf-8")
    parsed, problems = parse_yaml(text, rel)
    assert problems == []
    return parsed.data


def errors(kind: str, data) -> list[str]:
    return sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.validator}"
        for e in validator(kind).iter_errors(data)
    )


# --- freshness -------------------------------------------------------------------------


def test_committed_schemas_are_fresh():
    committed = sorted(p.name for p in SCHEMAS.glob("*.schema.json")) if SCHEMAS.is_dir() else []
    assert committed, "schemas/ holds no schemas: run `timeline schema`"
    built = build_schemas()
    stale = [
        name
        for name, text in built.items()
        if not (SCHEMAS / name).is_file() or (SCHEMAS / name).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"stale or missing in schemas/: {', '.join(stale)}: run `timeline schema`"
    extra = sorted(set(committed) - set(built))
    assert not extra, f"schemas/ holds schemas the model no longer has: {', '.join(extra)}"


def test_one_schema_per_kind_of_file():
    built = build_schemas()
    assert sorted(n for n in built if n.endswith(".schema.json")) == sorted(
        [*(f"{kind}.schema.json" for kind in {**MODELS, **TRANSLATIONS}),
         "explainer-timeline-v1.schema.json"]
    )  # fmt: skip
    for kind in {**MODELS, **TRANSLATIONS}:
        schema = json.loads(built[schema_file(kind)])
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False
        assert "do not edit" in schema["$comment"]


@pytest.mark.parametrize("kind", sorted(CONTENT_DEPTH))
def test_modeline_points_at_the_schema_from_the_files_folder(kind):
    # content/ sits beside schemas/; resolve the modeline from where the file lives.
    where = {
        "actor": "content/actors/x.yaml",
        "outlet": "content/outlets/x.yaml",
        "timeline": "content/timelines/t/timeline.yaml",
        "event": "content/timelines/t/events/x.yaml",
        "timeline-translation": "content/timelines/t/timeline.fa.yaml",
        "event-translation": "content/timelines/t/events/x.fa.yaml",
        "actor-translation": "content/actors/x.fa.yaml",
        "outlet-translation": "content/outlets/x.fa.yaml",
    }[kind]
    line = modeline(kind)
    assert line.startswith("# yaml-language-server: $schema=") and line.endswith("\n")
    target = PurePosixPath(where).parent / line.split("$schema=", 1)[1].strip()
    parts: list[str] = []
    for part in target.parts:
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    assert "/".join(parts) == f"schemas/{kind}.schema.json"


# --- the valid fixture validates --------------------------------------------------------


def test_every_valid_fixture_file_is_covered():
    assert sorted(KIND) == sorted(VALID_FILES)
    on_disk = sorted(p.relative_to(VALID_CONTENT).as_posix() for p in VALID_CONTENT.rglob("*.yaml"))
    assert on_disk == sorted(VALID_FILES)


@pytest.mark.parametrize("rel", sorted(KIND))
def test_valid_fixture_file_validates_against_its_schema(rel):
    assert errors(KIND[rel], data_of(rel)) == []


# --- the schema rejects what the model rejects ---------------------------------------------


def test_schema_rejects_an_unknown_key():
    text = (VALID_CONTENT / SPEECH).read_text(encoding="utf-8")
    data = data_of(SPEECH, text.replace("title: Firefly addresses", "titel: Firefly addresses"))
    assert errors("event", data) == [": additionalProperties", ": required"]


def test_schema_rejects_an_unknown_nested_key():
    data = data_of(VOTE)
    data["sources"][0]["editor"] = "Someone"
    assert errors("event", data) == ["sources/0: additionalProperties"]


@pytest.mark.parametrize(
    ("rel", "change", "error"),
    [
        (FREEDONIA, {"kind": "country"}, "kind: enum"),
        (RUFUS, {"country": "Freedonia"}, "country: pattern"),
        (GAZETTE, {"url": "ftp://gazette.example.org/"}, "url: pattern"),
        (TIMELINE, {"published": "17/08/2021"}, "published: anyOf"),
        (VOTE, {"order": "1"}, "order: type"),
        (VOTE, {"approximate": "yes"}, "approximate: type"),
        (AFTERMATH, {"sources": []}, "sources: minItems"),
    ],
)
def test_schema_rejects_bad_values(rel, change, error):
    data = data_of(rel) | change
    assert errors(KIND[rel], data) == [error]


def test_schema_accepts_an_unquoted_year_like_the_model():
    data = data_of(VOTE)
    data["sources"][0]["published"] = 2021
    MODELS["event"].model_validate(data)  # the model accepts it
    assert errors("event", data) == []


# --- the field reference's examples ---------------------------------------------------


def reference_examples() -> list[tuple[str, str]]:
    """(section heading, YAML) of each example block in the committed reference."""
    text = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    found = []
    for section in text.split("\n### ")[1:]:
        heading = section.split("\n", 1)[0]
        yaml_text = section.split("```yaml\n", 1)[1].split("```", 1)[0]
        found.append((heading, yaml_text))
    return found


def test_every_field_of_every_file_and_part_has_an_example():
    text = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) > 60
    for row in rows:
        example = row.rstrip(" |").rsplit(" | ", 1)[1]
        assert example.startswith(("`", "see the example of [")), row


def test_each_example_passes_the_model():
    kinds = {model.__name__: model for model in {**MODELS, **TRANSLATIONS}.values()}
    examples = reference_examples()
    assert [h for h, _ in examples] == [
        "Actor", "Outlet", "Timeline", "Event", "EventTranslation", "TimelineTranslation",
        "ActorTranslation", "OutletTranslation",
        "Account", "Interaction", "Media", "Period", "Point", "Quote", "Source", "Topic",
        "TranslatedAccount", "TranslatedLabel", "TranslatedMarkdown", "TranslatedName",
        "TranslatedNote", "TranslatedParagraph", "TranslatedPeriod", "TranslatedPicture",
        "TranslatedPoint", "TranslatedQuote", "TranslatedTitle", "TranslatedTopic", "Update",
    ]  # fmt: skip
    for heading, text in examples:
        parsed, problems = parse_yaml(text, heading)
        assert problems == [], heading
        if heading in kinds:
            kinds[heading].model_validate(parsed.data)
            # Every field of the model is shown in its example.
            assert set(parsed.data) == {
                f.alias or name for name, f in kinds[heading].model_fields.items()
            }
        elif heading in ("Topic", "Period"):  # lists in the timeline
            MODELS["timeline"].model_validate(
                {**data_of(TIMELINE), **parsed.data}  # the topics: or periods: list
            )
        elif heading.startswith("Translated"):  # a translated field, shown in its file
            (field,) = parsed.data
            holders = [*TRANSLATIONS.values(), *(m for h, m in vars(translation_model).items()
                                                 if h.startswith("Translated"))]  # fmt: skip
            holder = next(m for m in holders if field in m.model_fields)
            data = parsed.data if holder in TRANSLATIONS.values() else {
                "original": "x", "text": "y", **parsed.data}  # fmt: skip
            holder.model_validate(data)
        elif heading == "Point":  # shown as the list that holds it in an account
            event = data_of(SPEECH)
            event["accounts"][0].update(parsed.data)
            MODELS["event"].model_validate(event)
        else:
            # A part, shown as the list that holds it in an event.
            (items,) = parsed.data.values()
            assert len(items) == 1
            MODELS["event"].model_validate({**data_of(SPEECH), **parsed.data})
