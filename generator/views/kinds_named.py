"""The words readers see for the kinds editors choose from (the `Literal`s of
content/model.py): "news agency" for `news-agency`, "Call" for `call`. In
English here, marked for the catalogue; pages show them in the site's language
(`Interface.gettext`)."""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks `message` for the catalogue (`pybabel extract`), translated where shown."""
    return message


# Each heads its line ("Call: ...", "Correction, 18 August 2021: ...").
INTERACTIONS = {"call": N_("Call"), "meeting": N_("Meeting"), "statement": N_("Statement"),
                "message": N_("Message"), "visit": N_("Visit")}  # fmt: skip
UPDATES = {"correction": N_("Correction"), "update": N_("Update"),
           "clarification": N_("Clarification")}  # fmt: skip
ACTORS = {"person": N_("Person"), "state": N_("State"), "organisation": N_("Organisation"),
          "group": N_("Group")}  # fmt: skip
# Set small after a publisher's name: "Xinhua news agency".
OUTLETS = {
    "state-media": N_("state media"), "government": N_("government"), "news": N_("news"),
    "news-agency": N_("news agency"), "intergovernmental": N_("intergovernmental"),
    "social-media": N_("social media"), "reference": N_("reference"), "other": N_("other"),
}  # fmt: skip
IMPORTANCE = {"key": N_("Key moments"), "normal": N_("Normal"), "background": N_("Background")}
KINDS = INTERACTIONS | UPDATES | ACTORS | OUTLETS  # no value is two kinds' (model.py)
