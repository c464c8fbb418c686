"""Pictures in content/media/: checked at their file, shown in sizes made at build
time with their width, height, caption and credit; media elsewhere as a card
that loads nothing; and a picture for every page shared on social media."""

from __future__ import annotations

import io
import re

import pytest
from helpers import REPO, TIMELINE
from PIL import Image

from generator.content.pictures import read_picture
from generator.mkdocs_adapter.engine import build_site
from generator.render.renderer import render_site

VOTE = "timelines/demo/events/speech.yaml"  # the fixture's other events have media already
MEDIA = """media:
  - file: square/chamber.jpg
    alt: Members of parliament raise their hands
    caption: The second day of the vote.
    credit: Gazette photo desk
  - url: https://video.example.org/watch/123
    title: The vote, on video
    alt: A video of the count
    credit: Freedonia TV
"""
LEAD = """image:
  file: lead.png
  alt: The parliament building at dusk
"""


def _jpeg(width: int, height: int, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, "JPEG", **save)
    return out.getvalue()


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 60, 128)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def pictured(content_tree):
    exif = Image.Exif()
    exif[0x8825] = {2: (1.0, 2.0, 3.0)}  # a GPS position, which must not be published
    content_tree.write_bytes("media/square/chamber.jpg", _jpeg(2000, 1200, exif=exif))
    content_tree.write_bytes("media/lead.png", _png(300, 200))
    content_tree.write(VOTE, content_tree.read(VOTE) + MEDIA)
    content_tree.write(TIMELINE, content_tree.read(TIMELINE) + LEAD)
    return content_tree


def test_pictures_come_in_sizes_without_their_metadata(pictured):
    corpus, problems = pictured.validate()
    assert problems == []
    assert set(corpus.pictures) == {"square/chamber.jpg", "lead.png", "chamber.jpg"}
    files = render_site(corpus).files
    sizes = {uri: Image.open(io.BytesIO(data)) for uri, data in files.items() if "media/" in uri}
    assert {u: im.size for u, im in sizes.items() if not u.startswith("media/chamber-")} == {
        "media/square/chamber-480.jpg": (480, 288),
        "media/square/chamber-960.jpg": (960, 576),
        "media/square/chamber-1600.jpg": (1600, 960),
        "media/lead-300.png": (300, 200),  # never wider than the picture
    }
    assert all(not im.getexif() for im in sizes.values())
    assert sizes["media/lead-300.png"].mode == "RGBA"
    assert render_site(corpus).files == files  # the same bytes every build


def test_a_picture_is_a_figure_with_its_size_caption_and_credit(pictured):
    corpus, _ = pictured.validate()
    page = render_site(corpus).pages["demo/events/speech.md"]
    figure = re.search(r'<figure class="tl-picture">.*?</figure>', page).group(0)
    assert 'width="1600" height="960"' in figure and 'loading="lazy"' in figure
    assert 'srcset="../../../media/square/chamber-480.jpg 480w, ' in figure
    assert 'alt="Members of parliament raise their hands"' in figure
    assert "The second day of the vote." in figure
    assert '<span class="tl-credit">Gazette photo desk</span>' in figure
    # Media elsewhere: a card and a link, nothing loaded from that host.
    card = re.search(r'<figure class="tl-media-card">.*?</figure>', page).group(0)
    assert '<a href="https://video.example.org/watch/123">The vote, on video</a>' in card
    assert "video.example.org</p>" in card and "Freedonia TV" in card
    assert "<img" not in card and "<iframe" not in card
    explainer = render_site(corpus).pages["demo/index.md"]
    assert 'src="../media/lead-300.png"' in explainer and 'fetchpriority="high"' in explainer


def test_every_page_offers_a_picture_to_social_media(pictured):
    corpus, _ = pictured.validate()
    pages = render_site(corpus, base_url="https://x.org/").pages

    def image(uri: str) -> str:
        return re.search(r"^og_image: (.+)$", pages[uri], re.M).group(1).strip("'\"")

    assert image("demo/events/speech.md") == "https://x.org/media/square/chamber-1600.jpg"
    assert (
        image("demo/events/aftermath.md") == "https://x.org/media/lead-300.png"
    )  # media elsewhere
    assert image("actors/index.md") == "https://x.org/assets/share/site.png"


def test_without_a_lead_picture_a_card_is_made(content_tree):
    corpus, _ = content_tree.validate()
    site = render_site(corpus, base_url="https://x.org/")
    assert (
        'og_image: "https://x.org/assets/share/timelines/demo.png"' in site.pages["demo/index.md"]
    )
    card = Image.open(io.BytesIO(site.files["assets/share/timelines/demo.png"]))
    assert card.size == (1200, 630)


def test_mistakes_with_pictures_are_reported_where_they_are(content_tree):
    content_tree.write_bytes("media/broken.jpg", b"not a picture at all")
    content_tree.write_bytes("media/Holiday Snap.JPG", _jpeg(10, 10))
    content_tree.write_bytes("media/drawn.jpg", _png(10, 10))  # a PNG named .jpg
    content_tree.write(VOTE, content_tree.read(VOTE) + (
        "media:\n  - file: broken.jpg\n    alt: a\n  - file: chamber.jpeg\n    alt: b\n"
        "  - file: drawn.jpg\n    alt: c\n  - alt: d\n"
    ))  # fmt: skip
    problems = {(p.source_path, p.line, p.message.split(":")[0]): p.message
                for p in content_tree.problems()}  # fmt: skip
    messages = " | ".join(problems.values())
    assert any(k[0] == "media/broken.jpg" and "cannot be read as a picture" in v
               for k, v in problems.items())  # fmt: skip
    assert "media/Holiday Snap.JPG" in {k[0] for k in problems}
    assert "is a PNG file named .jpg" in messages
    line = content_tree.locate(VOTE, "file: chamber.jpeg")[0]
    missing = "there is no picture media/chamber.jpeg (did you mean"
    assert any(k == (VOTE, line, "media[1].file") and missing in v for k, v in problems.items())
    assert "give file: (a picture in content/media/) or url: (media elsewhere)" in messages


def test_a_picture_made_to_exhaust_memory_is_refused():
    big = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(big, "PNG")  # 100 million pixels, a few KB
    with pytest.raises(ValueError, match="more than the 60 million"):
        read_picture("huge.png", big.getvalue())


def test_a_site_with_pictures_builds_and_passes_the_audit(pictured, tmp_path):
    site = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", pictured.root, site, tmp_path / "docs")
    assert (site / "media/square/chamber-960.jpg").is_file()
    html = (site / "demo/events/speech/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="' in html
    assert 'srcset="../../../media/square/chamber-480.jpg 480w' in html
