"""`timeline links`: broken internal links and anchors in a built site are found."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli.commands import main
from generator.site_checks.links import check_links

SITE_URL = "https://news.example.org/explainers/"


def page(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html>\n<html><body>\n{body}\n</body></html>\n", encoding="utf-8")


def make_site(root: Path) -> Path:
    site = root / "site"
    page(site, "index.html", '<h1 id="top">Home</h1>\n<a href="kabul/">Kabul</a>')
    page(
        site,
        "kabul/index.html",
        '<h2 id="key-moments">Key</h2>\n'
        '<a href="#key-moments">here</a>\n'
        '<a href="../">home</a>\n'
        '<a href="../index.html#top">home top</a>\n'
        '<a href="events/fall/">event</a>\n'
        '<a href="https://www.reuters.com/world/">a source</a>\n'
        '<a href="mailto:desk@example.org">mail</a>\n'
        f'<link rel="canonical" href="{SITE_URL}kabul/">\n'
        '<img src="../assets/map.svg" alt="">',
    )
    page(
        site, "kabul/events/fall/index.html", '<p id="what-happened">x</p>\n<a href="../../">up</a>'
    )
    (site / "assets").mkdir()
    (site / "assets" / "map.svg").write_text("<svg/>", encoding="utf-8")
    return site


def test_a_sound_site_has_no_broken_link(tmp_path):
    broken, pages = check_links(make_site(tmp_path), SITE_URL)
    assert (broken, pages) == ([], 3)


def test_each_kind_of_broken_link_is_found_with_its_line(tmp_path):
    site = make_site(tmp_path)
    page(
        site,
        "kabul/events/fall/index.html",
        '<p id="what-happened">x</p>\n'
        '<a href="../../missing/">gone</a>\n'
        '<a href="../../#no-such-heading">bad anchor</a>\n'
        '<a href="#nowhere">bad local anchor</a>\n'
        f'<link rel="canonical" href="{SITE_URL}kabul/events/fal/">\n'
        '<img src="../../../../etc/passwd">\n'
        '<a href="../../#key-moments">fine</a>',
    )
    broken, _ = check_links(site, SITE_URL)
    assert [str(b) for b in broken] == [
        "kabul/events/fall/index.html:4: no such file: ../../missing/",
        "kabul/events/fall/index.html:5: no anchor '#no-such-heading' in kabul/index.html: "
        "../../#no-such-heading",
        "kabul/events/fall/index.html:6: no anchor '#nowhere' in kabul/events/fall/index.html: "
        "#nowhere",
        f"kabul/events/fall/index.html:7: no such file: {SITE_URL}kabul/events/fal/",
        "kabul/events/fall/index.html:8: no such file: ../../../../etc/passwd",
    ]


def test_command_exits_1_on_a_broken_link(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n", encoding="utf-8")
    runner = CliRunner()
    args = ["links", "--site-dir", str(site), "--config-file", str(config)]
    ok = runner.invoke(main, args)
    assert ok.exit_code == 0 and ok.stderr == "ok: links and anchors in 3 pages\n"
    page(site, "index.html", '<h1 id="top">Home</h1>\n<a href="kabul/#gone">x</a>')
    bad = runner.invoke(main, args)
    assert bad.exit_code == 1
    assert (
        bad.stdout == f"{site}/index.html:4: no anchor '#gone' in kabul/index.html: kabul/#gone\n"
    )
    assert bad.stderr == "1 broken link(s) in 3 pages\n"
