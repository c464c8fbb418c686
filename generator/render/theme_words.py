"""The generator's words that the theme and its script show rather than a page
of ours: the draft banner, the footer's label, the filters' count, the zoom, the
reader's own time. The plugin hands them to the theme (`config.extra.words`);
the theme puts the script's on the page once, as data attributes, where the
script reads them (`%(name)s` filled by the script, in the page's digits; a
count's words once for each of the language's CLDR plural categories, which
the script picks from with `Intl.PluralRules`)."""

from __future__ import annotations

from markupsafe import Markup

from ..views.interface import Interface
from .escape import attr

THEIRS = ("draft", "draft_note", "about_site")  # the theme's own; the rest the script's


def theme_words(words: Interface) -> dict[str, str]:
    """Each of the theme's words by the name it is used by, in the site's language."""
    say = words.gettext
    return {
        "draft": say("Draft"),
        "draft_note": say("not published: shown by the preview and by %(command)s only."),
        "about_site": say("About this site"),
        # The script's, put on the page (theme/main.html) and read by timeline.js.
        "showing_all": say("Showing all %(num)s events"),
        "showing": say("Showing %(shown)s of %(num)s events"),
        **{
            f"event_{category}": words.ngettext("%(num)s event", "%(num)s events", n)
            for category, n in words.plural_samples().items()
        },
        "your_time": say("Your time: %(time)s"),
        "zoom_to": say("Zoom to"),
        "whole_timeline": say("Whole timeline"),
    }


def script_words(words: Interface) -> Markup:
    """The script's words on a page in another language than the site's (a
    translated timeline's): after the theme's, so that the script reads these."""
    said = theme_words(words)
    data = "".join(f' data-{name.replace("_", "-")}="{attr(text)}"'
                   for name, text in sorted(said.items()) if name not in THEIRS)  # fmt: skip
    return Markup(f'\n<div class="tl-words" hidden{data}></div>\n')
