"""Cross-file and model checks: validate_content(load_content(folder)).

Each test breaks one thing in a copy of the valid fixture and checks that
exactly one problem is reported, with its code, position and (for a handful)
its exact text: the messages are what editors read, so they are a contract.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import AFTERMATH, FREEDONIA, GAZETTE, RUFUS, SPEECH, TIMELINE, VOTE

from generator.content.load import load_content
from generator.content.problems import ContentError
from generator.content.validate import check_corpus


def only(tree):
    """The single problem the tree has; fails listing all of them otherwise."""
    problems = tree.problems()
    assert len(problems) == 1, "\n".join(
        f"{p.source_path}:{p.line}:{p.column}: [{p.code}] {p.message}" for p in problems
    )
    return problems[0]


def where(problem) -> tuple[str, int, int, str]:
    return problem.source_path, problem.line, problem.column, problem.code


def only_at(tree, path: str, needle: str, code: str) -> str:
    """The message of the tree's single problem, which must be `code` at the first
    `needle` in `path`."""
    problem = only(tree)
    assert where(problem) == (path, *tree.locate(path, needle), code)
    return problem.message


# --- the valid fixture -------------------------------------------------------------


def test_valid_fixture_has_no_problems(content_tree):
    corpus, problems = content_tree.validate()
    assert problems == []
    assert corpus is not None
    assert sorted(corpus.actors) == ["freedonia", "rufus-firefly"]
    assert sorted(corpus.outlets) == ["freedonia-gazette"]
    assert list(corpus.timelines) == ["demo"]
    assert corpus.timelines["demo"].timeline.title == "A week in Freedonia"


def test_events_are_sorted_by_time_in_utc(content_tree):
    (entry,) = content_tree.validate()[0].timelines.values()
    # File names sort aftermath, speech, vote. The speech is 20:00 in New York,
    # after midnight in Paris; the vote is some time on the 16th in Paris, so it
    # sorts in the middle of that day, after the speech.
    assert [e.id for e in entry.events] == ["speech", "vote", "aftermath"]
    speech, vote, aftermath = entry.events
    assert vote.at == datetime(2021, 8, 16, 10, 0, tzinfo=UTC)
    assert speech.at == speech.start
    assert (vote.timezone, speech.timezone) == ("Europe/Paris", "America/New_York")
    assert speech.start == datetime(2021, 8, 16, 0, 0, tzinfo=UTC)
    assert speech.end == datetime(2021, 8, 16, 0, 1, tzinfo=UTC)
    # A day-precision date with an end lasts until the end of the end day.
    assert vote.start == datetime(2021, 8, 15, 22, 0, tzinfo=UTC)
    assert vote.end == datetime(2021, 8, 17, 22, 0, tzinfo=UTC)
    assert aftermath.start == datetime(2021, 8, 19, 22, 0, tzinfo=UTC)


def test_ties_are_broken_by_order_then_id(content_tree):
    vote = content_tree.read(VOTE)
    content_tree.write("timelines/demo/events/b-tie.yaml", vote.replace("order: 1", "order: 0"))
    content_tree.write("timelines/demo/events/a-tie.yaml", vote.replace("order: 1", "order: 2"))
    content_tree.write("timelines/demo/events/c-tie.yaml", vote.replace("order: 1", "order: 2"))
    corpus, problems = content_tree.validate()
    assert problems == []
    ids = [e.id for e in corpus.timelines["demo"].events]
    assert ids == ["speech", "b-tie", "vote", "a-tie", "c-tie", "aftermath"]


def test_check_corpus_raises_with_every_problem(content_tree):
    content_tree.replace(SPEECH, "  - diplomacy\n", "  - diplomasy\n")
    content_tree.replace(VOTE, "date: 2021-08-16", "date: 2021-02-30")
    with pytest.raises(ContentError) as caught:
        check_corpus(load_content(content_tree.root))
    assert [p.code for p in caught.value.problems] == ["unknown-reference", "bad-date"]
    assert str(caught.value) == "2 content problem(s)"


# --- references, with "did you mean" -------------------------------------------------


def test_unknown_actor_exact_message(content_tree):
    content_tree.replace(
        SPEECH, "  - rufus-firefly\n  - freedonia\n", "  - rufus-firefli\n  - freedonia\n"
    )
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "rufus-firefli"),
        "unknown-reference",
    )
    assert problem.message == (
        "unknown actor 'rufus-firefli' (did you mean 'rufus-firefly'?): "
        "add a file content/actors/<id>.yaml or use an existing id"
    )


def test_unknown_actor_without_a_close_match_has_no_suggestion(content_tree):
    content_tree.replace(
        SPEECH, "  - rufus-firefly\n  - freedonia\n", "  - zhou-enlai\n  - freedonia\n"
    )
    assert only(content_tree).message == (
        "unknown actor 'zhou-enlai': add a file content/actors/<id>.yaml or use an existing id"
    )


@pytest.mark.parametrize(
    ("old", "new", "bad"),
    [
        ("    by: rufus-firefly", "    by: rufus-fireflie", "rufus-fireflie"),
        ("    with:\n      - freedonia", "    with:\n      - fredonia", "fredonia"),
        ("    speaker: rufus-firefly", "    speaker: rufus-firefl", "rufus-firefl"),
    ],
)
def test_unknown_actor_in_interactions_and_quotes(content_tree, old, new, bad):
    content_tree.replace(SPEECH, old, new)
    problem = only(content_tree)
    at = content_tree.locate(SPEECH, bad, after=new.split(":")[0])
    assert where(problem) == (SPEECH, *at, "unknown-reference")
    assert problem.message.startswith(f"unknown actor '{bad}' (did you mean '")


def test_unknown_outlet(content_tree):
    content_tree.replace(VOTE, "outlet: freedonia-gazette", "outlet: freedonia-gazete")
    problem = only(content_tree)
    assert where(problem) == (
        VOTE,
        *content_tree.locate(VOTE, "freedonia-gazete"),
        "unknown-reference",
    )
    assert problem.message == (
        "unknown outlet 'freedonia-gazete' (did you mean 'freedonia-gazette'?): "
        "add a file content/outlets/<id>.yaml or use an existing id"
    )


def test_unknown_relayed_outlet(content_tree):
    content_tree.replace(
        VOTE,
        "    published: 2021-08-17\n",
        "    published: 2021-08-17\n    relays: freedonia-gazett\n",
    )
    problem = only(content_tree)
    assert where(problem) == (
        VOTE,
        *content_tree.locate(VOTE, "freedonia-gazett", after="relays: "),
        "unknown-reference",
    )
    assert problem.message.startswith(
        "unknown outlet 'freedonia-gazett' (did you mean 'freedonia-gazette'?)"
    )


def test_unknown_topic(content_tree):
    content_tree.replace(SPEECH, "  - diplomacy\n", "  - diplomasy\n")
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "diplomasy"),
        "unknown-reference",
    )
    assert problem.message == (
        "unknown topic 'diplomasy' (did you mean 'diplomacy'?): add it to the timeline's topics"
    )


def test_unknown_interaction_source(content_tree):
    content_tree.replace(
        SPEECH, "    sources:\n      - gazette-report", "    sources:\n      - gazette-reprt"
    )
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "gazette-reprt"),
        "unknown-reference",
    )
    assert problem.message == (
        "unknown source 'gazette-reprt' (did you mean 'gazette-report'?): "
        "use the id of one of this event's sources"
    )


def test_unknown_related_event(content_tree):
    content_tree.replace(SPEECH, "related:\n  - vote\n", "related:\n  - vot\n")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "vot\n"), "unknown-reference")
    assert problem.message == (
        "unknown event 'vot' (did you mean 'vote'?): "
        "use the file name (without .yaml) of an event in this timeline"
    )


def test_related_event_must_be_in_the_same_timeline(content_tree):
    content_tree.write("timelines/other/timeline.yaml", content_tree.read(TIMELINE))
    content_tree.write(
        "timelines/other/events/elsewhere.yaml",
        content_tree.read(AFTERMATH).replace("  - vote\n", "  - speech\n"),
    )
    problem = only(content_tree)
    assert where(problem)[0] == "timelines/other/events/elsewhere.yaml"
    assert problem.message.startswith("unknown event 'speech'")


def test_event_related_to_itself(content_tree):
    content_tree.replace(VOTE, "  - speech\n", "  - vote\n")
    problem = only(content_tree)
    assert where(problem) == (
        VOTE,
        *content_tree.locate(VOTE, "vote", after="related:"),
        "self-related",
    )
    assert problem.message == "an event cannot be related to itself: remove its own id from related"


def test_interaction_with_itself(content_tree):
    content_tree.replace(SPEECH, "    with:\n      - freedonia", "    with:\n      - rufus-firefly")
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "rufus-firefly", 3),
        "self-interaction",
    )
    assert problem.message == (
        "'rufus-firefly' cannot be in 'with' and 'by' of the same interaction: remove it from with"
    )


def test_quote_source_must_be_one_of_the_events_sources(content_tree):
    # gazette-vote exists, but in another event.
    content_tree.replace(
        SPEECH,
        "    source: gazette-transcript\n    context",
        "    source: gazette-vote\n    context",
    )
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "gazette-vote"),
        "unknown-reference",
    )
    assert problem.message.startswith("unknown source 'gazette-vote'")
    assert problem.message.endswith(": attribute every quote to one of this event's sources")


def test_account_source_unknown(content_tree):
    content_tree.replace(SPEECH, "  - source: gazette-report\n", "  - source: gazette-reports\n")
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "gazette-reports"),
        "unknown-reference",
    )
    assert problem.message == (
        "unknown source 'gazette-reports' (did you mean 'gazette-report'?): "
        "use the id of one of this event's sources"
    )


def test_single_account(content_tree):
    content_tree.replace(
        SPEECH,
        "  - source: gazette-transcript\n    summary: The transcript shows it was mostly "
        "about the budget.\n",
        "",
    )
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "- source: gazette-report"),
        "lonely-account",
    )
    assert problem.message == (
        "a single account has nothing to compare with: add the other source's account, "
        "or put this one in the summary"
    )


def test_two_accounts_from_one_source(content_tree):
    content_tree.replace(
        SPEECH,
        "  - source: gazette-transcript\n    summary",
        "  - source: gazette-report\n    summary",
    )
    problem = only(content_tree)
    assert where(problem) == (
        SPEECH,
        *content_tree.locate(SPEECH, "gazette-report", 2, after="accounts:"),
        "duplicate-account",
    )
    assert problem.message == (
        "two accounts from source 'gazette-report': give each source one account"
    )


@pytest.mark.parametrize(
    ("rel", "old", "new", "what"),
    [
        (
            RUFUS,
            "country: freedonia",
            "country: freedonai",
            "state 'freedonai' (did you mean 'freedonia'?)",
        ),
        (RUFUS, "country: freedonia", "country: rufus-firefly", "state 'rufus-firefly'"),
        (RUFUS, "country: freedonia", "organisation: freedonia", "organisation 'freedonia'"),
        (
            GAZETTE,
            "country: freedonia",
            "country: fredonia",
            "state 'fredonia' (did you mean 'freedonia'?)",
        ),
    ],
)
def test_actor_and_outlet_references(content_tree, rel, old, new, what):
    content_tree.replace(rel, old, new)
    problem = only(content_tree)
    bad = new.split(": ")[1]
    assert where(problem) == (rel, *content_tree.locate(rel, bad), "unknown-reference")
    assert problem.message.startswith(f"unknown {what}: use the id of an actor with kind: ")


def test_broken_actor_file_does_not_make_every_reference_an_error(content_tree):
    content_tree.replace(FREEDONIA, "kind: state", "kind: country")
    problem = only(content_tree)
    assert where(problem) == (FREEDONIA, 3, 7, "literal-error")
    assert problem.message == (
        "kind: 'country' is not allowed: choose one of person, state, organisation, group"
    )


def test_event_with_refused_value_still_exists_for_references(content_tree):
    content_tree.replace(VOTE, "approximate: true", "approximate: yes")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 6, 14, "ambiguous-value")


def test_event_file_with_a_tab_still_exists_for_references(content_tree):
    content_tree.replace(VOTE, "title: Parliament", "title:\tParliament")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 2, 7, "bad-character")


def test_broken_timeline_does_not_hide_its_events_problems(content_tree):
    content_tree.replace(TIMELINE, "timezone: Europe/Paris", "timezone: Europe/Pariss")
    content_tree.replace(
        SPEECH, "  - rufus-firefly\n  - freedonia\n", "  - rufus-firefli\n  - freedonia\n"
    )
    assert [where(p)[::3] for p in content_tree.problems()] == [
        (SPEECH, "unknown-reference"),
        (TIMELINE, "bad-zone"),
    ]


# --- dates ------------------------------------------------------------------------


def test_end_before_date(content_tree):
    content_tree.replace(VOTE, "end: 2021-08-17", "end: 2021-08-15")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 5, 6, "end-before-date")
    assert problem.message == (
        "end: 2021-08-15 is before date 2021-08-16: fix one of them, or swap them"
    )


def test_end_on_the_same_day_is_fine(content_tree):
    content_tree.replace(VOTE, "end: 2021-08-17", "end: 2021-08-16")
    assert content_tree.problems() == []


def test_impossible_date(content_tree):
    content_tree.replace(VOTE, "date: 2021-08-16", "date: 2021-02-30")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 4, 7, "bad-date")
    assert problem.message == "date: '2021-02-30' is not a real date: February 2021 has 28 days"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-02-30", "'2020-02-30' is not a real date: February 2020 has 29 days"),
        ('"2021-13"', "'2021-13' has month 13: months go 01-12"),
        (
            '"2021-08-16T24:00"',
            "'2021-08-16T24:00' has an impossible time: hours go 00-23, minutes 00-59",
        ),
        (
            '"2021-08-16T10:00+15:00"',
            "'2021-08-16T10:00+15:00' has an impossible UTC offset +15:00",
        ),
        (
            "16/08/2021",
            "'16/08/2021' is not a date (day and month order is ambiguous in that form): "
            "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2021-08-16T21:30",
        ),
        ('"9999"', "'9999': years from 1 to 9998 are supported"),
        ('"0000-01-01"', "'0000-01-01': years from 1 to 9998 are supported"),
    ],
)
def test_bad_dates(content_tree, value, message):
    content_tree.replace(VOTE, "date: 2021-08-16", f"date: {value}")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 4, 7, "bad-date")
    assert problem.message == f"date: {message}"


def test_unquoted_year_is_a_date(content_tree):
    content_tree.replace(VOTE, "date: 2021-08-16\nend: 2021-08-17", "date: 2021")
    corpus, problems = content_tree.validate()
    assert problems == []
    vote = next(e for e in corpus.timelines["demo"].events if e.id == "vote")
    assert str(vote.event.date) == "2021"
    assert vote.start == datetime(2020, 12, 31, 23, 0, tzinfo=UTC)


def test_date_as_a_number_that_is_not_a_year(content_tree):
    content_tree.replace(VOTE, "date: 2021-08-16", "date: 20210816")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 4, 7, "date-type")
    assert problem.message == (
        "date: expected a date as text (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
    )


def test_time_in_a_dst_gap_does_not_exist(content_tree):
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", "date: 2021-03-14T02:30")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "2021-03-14T02:30"), "bad-date")
    assert problem.message == (
        "date: 2021-03-14T02:30 does not exist in America/New_York: the clocks jumped "
        "forward over it; check the time and the zone"
    )


def test_dst_gap_in_the_timelines_zone(content_tree):
    content_tree.replace(VOTE, "date: 2021-08-16\nend: 2021-08-17", 'date: "2021-03-28T02:30"')
    assert "does not exist in Europe/Paris" in only(content_tree).message


def test_ambiguous_fall_back_time_needs_an_offset(content_tree):
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", "date: 2021-11-07T01:30")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "2021-11-07T01:30"), "bad-date")
    assert problem.message.startswith(
        "date: 2021-11-07T01:30 happens twice in America/New_York (the clocks went back): "
        "say which, e.g. "
    )
    assert "2021-11-07T01:30-04:00" in problem.message
    assert "2021-11-07T01:30-05:00" in problem.message


def test_offset_picks_the_second_reading_of_a_fall_back_time(content_tree):
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", 'date: "2021-11-07T01:30-05:00"')
    corpus, problems = content_tree.validate()
    assert problems == []
    speech = next(e for e in corpus.timelines["demo"].events if e.id == "speech")
    assert speech.start == datetime(2021, 11, 7, 6, 30, tzinfo=UTC)


def test_offset_picks_the_first_reading_of_a_fall_back_time(content_tree):
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", 'date: "2021-11-07T01:30-04:00"')
    corpus, problems = content_tree.validate()
    assert problems == []
    speech = next(e for e in corpus.timelines["demo"].events if e.id == "speech")
    assert speech.start == datetime(2021, 11, 7, 5, 30, tzinfo=UTC)


def test_offset_that_does_not_match_the_zone(content_tree):
    content_tree.replace(SPEECH, "date: 2021-08-15T20:00", 'date: "2021-08-15T20:00+02:00"')
    problem = only(content_tree)
    assert where(problem)[3] == "bad-date"
    assert problem.message == (
        "date: 2021-08-15T20:00+02:00 has UTC offset +02:00, but in America/New_York that "
        "wall-clock time is at -04:00: fix the offset or the zone"
    )


@pytest.mark.parametrize("rel", [SPEECH, TIMELINE])
def test_bad_time_zone_with_suggestion(content_tree, rel):
    old = "timezone: America/New_York" if rel == SPEECH else "timezone: Europe/Paris"
    content_tree.replace(rel, old, "timezone: Asia/Kabil")
    problem = only(content_tree)
    assert where(problem) == (rel, *content_tree.locate(rel, "Asia/Kabil"), "bad-zone")
    assert problem.message == (
        "timezone: 'Asia/Kabil' is not an IANA time zone (did you mean 'Asia/Kabul'?): "
        "use a name like Asia/Kabul, America/New_York or Asia/Shanghai"
    )


def test_approximate_without_date_note(content_tree):
    content_tree.replace(
        VOTE,
        "date_note: The Gazette gives the 16th for the start; the official record gives "
        "the 17th.\n",
        "",
    )
    problem = only(content_tree)
    assert where(problem) == (VOTE, *content_tree.locate(VOTE, "true"), "approximate-without-note")
    assert problem.message == (
        "approximate: true needs a date_note saying what is uncertain and which source "
        "gives which date"
    )


def test_timeline_updated_older_than_an_event_update(content_tree):
    content_tree.replace(TIMELINE, 'updated: "2021-08-20T09:00"', 'updated: "2021-08-18"')
    problem = only(content_tree)
    assert where(problem) == (
        TIMELINE,
        *content_tree.locate(TIMELINE, '"2021-08-18"'),
        "stale-updated",
    )
    assert problem.message == (
        "updated (2021-08-18) is older than the update logged in "
        'timelines/demo/events/vote.yaml (2021-08-19): set updated: "2021-08-19"'
    )


def test_timeline_without_updated_older_than_an_event_update(content_tree):
    content_tree.replace(TIMELINE, 'updated: "2021-08-20T09:00"\n', "")
    problem = only(content_tree)
    assert where(problem) == (
        TIMELINE,
        *content_tree.locate(TIMELINE, "2021-08-17"),
        "stale-updated",
    )
    assert problem.message.startswith("published (2021-08-17) is older than the update logged in")


def test_an_event_added_later_is_published_after_its_timeline_and_before_its_updates(
    content_tree,
):
    """An event's own `published` (added to a developing story): not before the
    timeline's, not after its own updates, and the timeline's `updated` follows it."""
    content_tree.replace(AFTERMATH, "sources:", "published: 2021-08-16\nsources:")
    assert only_at(content_tree, AFTERMATH, "2021-08-16", "published-before-timeline") == (
        "published (2021-08-16) is before the timeline's (2021-08-17): an event added "
        "with its timeline needs no published date; remove it"
    )
    content_tree.replace(AFTERMATH, "published: 2021-08-16", "published: 2021-08-21")
    assert only_at(content_tree, TIMELINE, '"2021-08-20T09:00"', "stale-updated") == (
        "updated (2021-08-20T09:00) is older than the event added in "
        'timelines/demo/events/aftermath.yaml (2021-08-21): set updated: "2021-08-21"'
    )
    content_tree.replace(AFTERMATH, "published: 2021-08-21", "published: 2021-08-19")
    assert content_tree.problems() == []
    content_tree.replace(VOTE, "updates:", "published: 2021-08-20\nupdates:")
    assert only_at(content_tree, VOTE, "2021-08-19", "update-before-published") == (
        "updates[0].date (2021-08-19) is before the event was published (2021-08-20): "
        "fix one of them"
    )


def test_timeline_updated_before_published(content_tree):
    content_tree.replace(TIMELINE, 'updated: "2021-08-20T09:00"', 'updated: "2021-08-16"')
    problems = content_tree.problems()
    # Also older than vote's update of 2021-08-19: both are reported, at `updated`.
    assert [where(p) for p in problems] == [
        (TIMELINE, 10, 10, "updated-before-published"),
        (TIMELINE, 10, 10, "stale-updated"),
    ]
    assert problems[0].message == (
        "updated (2021-08-16) is before published (2021-08-17): fix one of them"
    )


# --- sources, text and links -------------------------------------------------------


def test_event_without_sources(content_tree):
    text = content_tree.read(AFTERMATH)
    start, end = text.index("sources:\n"), text.index("media:\n")
    content_tree.write(AFTERMATH, text[:start] + text[end:])
    problem = only(content_tree)
    assert where(problem) == (AFTERMATH, 2, 1, "missing")
    assert problem.message == (
        "missing required field 'sources': add sources: documents that report the event; "
        "at least one"
    )


def test_event_with_an_empty_source_list(content_tree):
    text = content_tree.read(AFTERMATH)
    start, end = text.index("sources:\n"), text.index("media:\n")
    content_tree.write(AFTERMATH, text[:start] + "sources: []\n" + text[end:])
    problem = only(content_tree)
    assert where(problem) == (AFTERMATH, *content_tree.locate(AFTERMATH, "[]"), "too-short")
    assert problem.message == "sources: needs at least 1 item: add one '- ' line for each"


def test_source_without_any_date(content_tree):
    content_tree.replace(VOTE, "    published: 2021-08-17\n", "")
    problem = only(content_tree)
    assert where(problem) == (
        VOTE,
        *content_tree.locate(VOTE, "id: gazette-vote"),
        "undated-source",
    )


@pytest.mark.parametrize(
    ("old", "new", "text_line", "message"),
    [
        (
            "The speech lasted",
            "<b>The</b> speech lasted",
            1,
            "raw HTML is not allowed: write plain Markdown (write &lt; for a literal '<')",
        ),
        (
            "The speech lasted",
            "[x](javascript:alert(1)) lasted",
            1,
            "link target 'javascript:alert(1)' must be a full http:// or https:// URL",
        ),
        (
            "  - It opened with a joke.",
            "  - ![joke](https://gazette.example.org/a.png)",
            4,
            "images are not allowed in text: use the event's `media` list",
        ),
        (
            "body: |\n  The speech",
            "body: |\n  # Heading\n\n  The speech",
            1,
            "headings are not allowed: the page makes its own headings; use **bold**",
        ),
        (
            "body: |\n  The speech",
            "body: |\n  1975. The speech",
            1,
            "a line starting '1975.' makes a numbered list from 1975: "
            "for a sentence, write '1975\\.' (a list starts at 1)",
        ),
        (
            "  - It closed with a promise.",
            "  - It closed &#x202E;with a promise.",
            5,
            "invisible text-direction character U+202E: it can make text read differently "
            "from what is stored; delete it (written as a character reference)",
        ),
    ],
)
def test_markdown_outside_the_safe_subset(content_tree, old, new, text_line, message):
    content_tree.replace(SPEECH, old, new)
    problem = only(content_tree)
    # At the text's own line of the file, at its indent.
    block_line, _ = content_tree.locate(SPEECH, "|")
    assert where(problem) == (SPEECH, block_line + text_line, 3, "markdown-subset")
    assert problem.message == f"body: {message}"


def test_markdown_lists_every_problem(content_tree):
    content_tree.replace(SPEECH, "The speech lasted", "<i>x</i> ![a](https://e.org/a.png)")
    problems = content_tree.problems()
    assert len(problems) == 2 and {p.line for p in problems} == {
        content_tree.locate(SPEECH, "<i>")[0]
    }


def test_markdown_in_the_timeline_introduction(content_tree):
    content_tree.replace(TIMELINE, "  This timeline", "  [This](/relative) timeline")
    problem = only(content_tree)
    assert where(problem) == (TIMELINE, 8, 3, "markdown-subset")
    assert problem.message == (
        "introduction: link target '/relative' must be a full http:// or https:// URL"
    )


def test_markdown_problem_on_the_second_line_of_a_paragraph(content_tree):
    content_tree.replace(TIMELINE, "(https://gazette.example.org/)", "(/relative)")
    assert only(content_tree).line == content_tree.locate(TIMELINE, "(/relative)")[0]


def test_markdown_in_a_folded_or_quoted_value_names_the_line_of_its_text(content_tree):
    """Where YAML joins lines (a folded block, a quoted value), a line of the text
    is not a line of the file: the problem is at the value, naming the line."""
    content_tree.replace(SPEECH, "body: |", "body: >")
    content_tree.replace(SPEECH, "The speech lasted", "<b>The</b> speech lasted")
    problem = only(content_tree)
    line, column = content_tree.locate(SPEECH, "body: >")
    assert where(problem) == (SPEECH, line, column + len("body: "), "markdown-subset")
    assert problem.message.startswith("body: line 1 of this text: raw HTML is not allowed")


@pytest.mark.parametrize(
    "url",
    ["ftp://gazette.example.org/x", '"javascript:alert(1)"', "gazette.example.org/x", "https://"],
)
def test_source_url_must_be_http(content_tree, url):
    content_tree.replace(VOTE, "url: https://gazette.example.org/2021/08/17/vote", f"url: {url}")
    problem = only(content_tree)
    assert where(problem) == (VOTE, *content_tree.locate(VOTE, url), "bad-url")
    shown = url.strip('"')
    assert problem.message == (
        f"sources[0].url: '{shown}' is not a web address: write a full http:// or https:// URL"
    )


def test_media_and_actor_urls_must_be_http(content_tree):
    content_tree.replace(
        AFTERMATH, "url: https://gazette.example.org/photo.jpg", "url: ftp://x.org/p.jpg"
    )
    content_tree.replace(RUFUS, "url: https://en.wikipedia.org/wiki/Duck_Soup", "url: javascript:x")
    assert [where(p)[::3] for p in content_tree.problems()] == [
        (RUFUS, "bad-url"),
        (AFTERMATH, "bad-url"),
    ]


# --- the model: unknown, missing and mistyped fields --------------------------------


def test_unknown_field_with_suggestion(content_tree):
    content_tree.replace(SPEECH, "title: Firefly addresses", "titel: Firefly addresses")
    # The misspelt key explains the missing title: one problem, not two.
    problem = only(content_tree)
    assert where(problem) == (SPEECH, 2, 1, "extra-forbidden")
    assert problem.message == "unknown field 'titel' (did you mean 'title'?): correct the spelling"


def test_unknown_field_without_a_close_match_lists_the_fields(content_tree):
    content_tree.replace(SPEECH, "    note: Broadcast", "    xyzzy: Broadcast")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "xyzzy:"), "extra-forbidden")
    assert problem.message == (
        "interactions[0]: unknown field 'xyzzy': the fields here are kind, by, with, sources, note"
    )


def test_missing_field_beside_an_unrelated_unknown_one(content_tree):
    content_tree.replace(SPEECH, "title: Firefly addresses", "xyzzy: Firefly addresses")
    problems = content_tree.problems()
    assert [where(p) for p in problems] == [
        (SPEECH, 2, 1, "missing"),
        (SPEECH, 2, 1, "extra-forbidden"),
    ]
    assert (
        problems[0].message == "missing required field 'title': add title: one line of plain text"
    )


def test_unknown_nested_field(content_tree):
    content_tree.replace(SPEECH, "    note: Broadcast", "    nte: Broadcast")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "nte:"), "extra-forbidden")
    assert (
        problem.message
        == "interactions[0]: unknown field 'nte' (did you mean 'note'?): correct the spelling"
    )


def test_unknown_field_in_a_topic(content_tree):
    content_tree.replace(TIMELINE, "    name: Parliament", "    nmae: Parliament")
    problem = only(content_tree)
    assert problem.code == "extra-forbidden"
    assert (
        problem.message
        == "topics[1]: unknown field 'nmae' (did you mean 'name'?): correct the spelling"
    )


def test_missing_required_nested_field(content_tree):
    content_tree.replace(VOTE, "    outlet: freedonia-gazette\n", "")
    problem = only(content_tree)
    assert where(problem) == (VOTE, *content_tree.locate(VOTE, "id: gazette-vote"), "missing")
    assert problem.message == (
        "sources[0]: missing required field 'outlet': add outlet: id of the outlet that "
        "published this document"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("123", "title: must be text, not a number: put the value in quotes"),
        ("1.5", "title: must be text, not a number: put the value in quotes"),
        ("true", "title: must be text, not true/false: put the value in quotes"),
        ("[a, b]", "title: must be text, not a list: write the text after the colon"),
        (
            '""',
            "title: must not be empty: write a value, or delete the line if the field is optional",
        ),
        (
            '"  "',
            "title: must not be empty: write a value, or delete the line if the field is optional",
        ),
        ('"' + "x" * 121 + '"', "title: is 121 characters long: shorten it to 120 or fewer"),
        ("|\n  one\n  two", "title: must be one line: join the lines"),
    ],
)
def test_wrong_title(content_tree, value, message):
    content_tree.replace(SPEECH, "title: Firefly addresses the nation", f"title: {value}")
    problem = only(content_tree)
    assert (problem.line, problem.column) == (2, 8)
    assert problem.message == message


def test_order_must_be_a_number_not_text(content_tree):
    content_tree.replace(VOTE, "order: 1", 'order: "1"')
    problem = only(content_tree)
    assert where(problem) == (VOTE, 8, 8, "int-type")
    assert problem.message == "order: must be a whole number like 1, not text"


def test_approximate_yes_is_a_loader_error_only(content_tree):
    content_tree.replace(VOTE, "approximate: true", "approximate: yes")
    problem = only(content_tree)
    assert where(problem) == (VOTE, 6, 14, "ambiguous-value")


def test_approximate_as_text(content_tree):
    content_tree.replace(VOTE, "approximate: true", 'approximate: "true"')
    problem = only(content_tree)
    assert where(problem) == (VOTE, 6, 14, "bool-type")
    assert problem.message == "approximate: must be true or false, not text"


def test_choice_with_suggestion(content_tree):
    content_tree.replace(SPEECH, "importance: key", "importance: Key")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "Key"), "literal-error")
    assert problem.message == (
        "importance: 'Key' is not allowed (did you mean 'key'?): choose one of key, normal, "
        "background"
    )


def test_list_expected(content_tree):
    content_tree.replace(SPEECH, "topics:\n  - diplomacy\n", "topics: diplomacy\n")
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "diplomacy"), "list-type")
    assert problem.message == "topics: must be a list (one '- item' per line), not text"


def test_duplicate_list_item(content_tree):
    content_tree.replace(
        SPEECH, "  - rufus-firefly\n  - freedonia\n", "  - freedonia\n  - freedonia\n"
    )
    problem = only(content_tree)
    assert where(problem) == (SPEECH, *content_tree.locate(SPEECH, "- freedonia"), "not-unique")
    assert problem.message == "actors: 'freedonia' is listed twice: remove one"


def test_duplicate_source_id(content_tree):
    content_tree.replace(SPEECH, "  - id: gazette-transcript", "  - id: gazette-report")
    problems = content_tree.problems()
    # The renamed source is reported twice over, and so is every reference to its old id.
    assert [p.code for p in problems] == ["not-unique", "unknown-reference", "unknown-reference"]
    assert problems[0].message.startswith("sources: 'gazette-report' is listed twice")


def test_references_are_checked_in_a_file_with_other_problems(content_tree):
    content_tree.replace(SPEECH, "\ntitle:", "\ntitel:")
    content_tree.replace(SPEECH, "  - diplomacy\n", "  - diplomasy\n")
    codes = sorted(p.code for p in content_tree.problems())
    assert codes == ["extra-forbidden", "unknown-reference"]


def test_two_paragraph_summary(content_tree):
    content_tree.replace(
        VOTE,
        "summary: Members voted over two days; the result",
        "summary: |\n  Members voted.\n\n  The result",
    )
    problem = only(content_tree)
    assert where(problem) == (VOTE, 3, 10, "multi-paragraph")
    assert problem.message == "summary: must be a single paragraph: remove the blank line"


def test_bad_id_value(content_tree):
    content_tree.replace(VOTE, "  - id: gazette-vote", "  - id: Gazette_Vote")
    problem = only(content_tree)
    assert where(problem) == (VOTE, *content_tree.locate(VOTE, "Gazette_Vote"), "bad-id")
    assert problem.message.startswith("sources[0].id: 'Gazette_Vote' is not a valid id")


@pytest.mark.parametrize("text", ["- title: x\n", "just some text\n", "42\n"])
def test_file_must_be_a_mapping(content_tree, text):
    content_tree.write(AFTERMATH, text)
    problems = content_tree.problems()
    assert [where(p) for p in problems] == [(AFTERMATH, 1, 1, "not-a-mapping")]
    assert problems[0].message == (
        "the file must be a mapping of event fields (name: value lines), not a list or a "
        "single value"
    )


def test_problems_are_sorted_and_unique(content_tree):
    content_tree.replace(VOTE, "order: 1", 'order: "1"')
    content_tree.replace(SPEECH, "  - diplomacy\n", "  - diplomasy\n")
    content_tree.replace(RUFUS, "country: freedonia", "country: freedonai")
    problems = content_tree.problems()
    assert [p.source_path for p in problems] == [RUFUS, SPEECH, VOTE]
    assert problems == sorted(set(problems))


def test_coarser_end_that_covers_the_date_is_fine(content_tree):
    content_tree.replace(VOTE, "end: 2021-08-17", 'end: "2021-08"')
    assert content_tree.problems() == []


def test_updated_on_the_day_of_a_timed_update_is_not_stale(content_tree):
    content_tree.replace(TIMELINE, 'updated: "2021-08-20T09:00"', 'updated: "2021-08-19"')
    content_tree.replace(VOTE, "  - date: 2021-08-19\n", '  - date: "2021-08-19T10:00"\n')
    assert content_tree.problems() == []


def test_source_cannot_relay_its_own_outlet(content_tree):
    content_tree.replace(
        VOTE,
        "    outlet: freedonia-gazette\n",
        "    outlet: freedonia-gazette\n    relays: freedonia-gazette\n",
    )
    problem = only(content_tree)
    assert where(problem) == (VOTE, 16, 13, "relays-own-outlet")
    assert problem.message == (
        "relays: 'freedonia-gazette' is the source's own outlet: remove relays"
    )


def test_two_paragraph_folded_summary(content_tree):
    content_tree.replace(
        VOTE,
        "summary: Members voted over two days; the result",
        "summary: >\n  Members voted.\n\n  The result",
    )
    problem = only(content_tree)
    assert (problem.code, problem.line) == ("multi-paragraph", 3)


def test_an_account_makes_each_point_once(content_tree):
    points = (
        "    points:\n      - about: The budget\n        says: Mostly about it.\n"
        "      - about: The budget\n        says: Again.\n"
    )
    content_tree.replace(
        SPEECH, "    summary: The report says the speech was about the vote.\n",
        "    summary: The report says the speech was about the vote.\n" + points,
    )  # fmt: skip
    problem = only(content_tree)
    assert problem.message == "accounts[0].points: 'The budget' is listed twice: remove one"


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        ("Asia/Abu_Dhabi", "'Asia/Abu_Dhabi' is not an IANA time zone: its clocks are "
         "Asia/Dubai's, so write timezone: Asia/Dubai (IANA names one city for each zone)"),
        ("Asia/New_Delhi", "'Asia/New_Delhi' is not an IANA time zone: its clocks are "
         "Asia/Kolkata's, so write timezone: Asia/Kolkata (IANA names one city for each zone)"),
        ("Asia/Kabull", "'Asia/Kabull' is not an IANA time zone (did you mean 'Asia/Kabul'?): "
         "use a name like Asia/Kabul, America/New_York or Asia/Shanghai"),
    ],
)  # fmt: skip
def test_a_time_zone_is_suggested_by_place_as_well_as_spelling(content_tree, zone, said):
    content_tree.replace(TIMELINE, "timezone: Europe/Paris", f"timezone: {zone}")
    problem = only(content_tree)
    assert problem.message == f"timezone: {said}"
