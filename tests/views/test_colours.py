"""The diagrams' colours: read from the plugin's `colours` option, checked for contrast."""

from __future__ import annotations

import pytest

from generator.views.colours import ROLES, Colours, contrast, read_colours


def test_the_defaults_pass_their_own_checks():
    colours, problems = read_colours({})
    assert problems == [] and colours == Colours()
    assert read_colours(None) == (Colours(), [])


def test_wcag_contrast_ratios():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#fff") == pytest.approx(4.54, abs=0.01)  # the 4.5:1 grey


def test_a_site_sets_some_colours_and_keeps_the_rest():
    colours, problems = read_colours({"light": {"marks": "#004D40", "highlights": "#b71c1c"}})
    assert problems == []
    assert (colours.light.marks, colours.light.highlights) == ("#004d40", "#b71c1c")
    assert colours.light.text == Colours().light.text and colours.dark == Colours().dark


@pytest.mark.parametrize(
    ("raw", "path", "says"),
    [
        ("indigo", (), "must be a mapping with `light` and `dark`"),
        ({"sepia": {}}, ("sepia",), "unknown scheme: use light or dark"),
        ({"dark": "#fff"}, ("dark",), "must map colours (text, marks,"),
        ({"dark": {"nodes": "#fff"}}, ("dark", "nodes"), "unknown colour: use text, marks"),
        ({"light": {"marks": "indigo"}}, ("light", "marks"), "'indigo' is not a colour"),
        ({"light": {"marks": "#12345"}}, ("light", "marks"), 'write it as "#283593"'),
        ({"light": {"marks": 0x283593}}, ("light", "marks"), "is not a colour"),
    ],
)
def test_what_is_not_a_colour_is_refused_where_it_is_written(raw, path, says):
    _, problems = read_colours(raw)
    assert [p.path for p in problems] == [path] and says in problems[0].message


def test_colours_too_faint_for_what_they_are_drawn_on_are_refused():
    _, problems = read_colours({"dark": {"marks": "#222222"}, "light": {"text": "#aaaaaa"}})
    said = [(p.path, p.message) for p in problems]
    assert (("dark", "marks"), (
        "#222222 stands 1.0:1 against the dark page (#1e2129); 3:1 is needed so that marks "
        "can be seen: choose a lighter colour"
    )) in said  # fmt: skip
    assert any(
        "against the dark crowded-day shading (#2a2e3d)" in m for p, m in said if p[1] == "marks"
    )
    page, bands = [m for p, m in said if p == ("light", "text")]
    assert "against the light page (#ffffff); 4.5:1 is needed" in page
    assert "against the light period bands (#e8eaf6)" in bands
    assert page.endswith("choose a darker colour")


def test_a_share_cards_headline_needs_dark_light_marks():
    # Grey marks are seen on a white page (3:1), but a white headline on them is not read.
    _, problems = read_colours({"light": {"marks": "#8a8a8a", "days": "#ffffff"}})
    assert any("share card's white headline" in p.message for p in problems), problems


def test_every_role_has_a_default_in_both_schemes():
    for palette in (Colours().light, Colours().dark):
        assert all(getattr(palette, role).startswith("#") for role in ROLES)
