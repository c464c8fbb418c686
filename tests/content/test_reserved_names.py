"""Names the site's own pages take: no timeline folder, actor or topic may take
one and silently replace that page."""

from __future__ import annotations

import shutil

import pytest
from helpers import RUFUS, TIMELINE, VALID_CONTENT, ContentTree

from generator import checking, pipeline
from generator.content.validate import LIST_PAGE, SITE_FOLDERS
from generator.hand_written import hand_written_names
from generator.mkdocs_adapter.engine import build_site
from generator.views import addresses


def test_the_reserved_folders_are_all_the_site_makes_at_its_top(tmp_path):
    """Every top-level folder of a built site is a timeline's, a hand-written
    page's, or one of SITE_FOLDERS: the list check refuses is complete."""
    from helpers import REPO

    # The fixture shows pictures, so its site has the media folder too.
    build_site(REPO / "mkdocs.yml", VALID_CONTENT, tmp_path / "site", tmp_path / "docs")
    folders = {p.name for p in (tmp_path / "site").iterdir() if p.is_dir()}
    hand_written = hand_written_names(REPO / "pages")
    assert folders - {"demo"} - hand_written == set(SITE_FOLDERS)
    assert f"actors/{LIST_PAGE}.md" == addresses.ACTORS
    assert addresses.topics("demo") == f"demo/topics/{LIST_PAGE}.md"


@pytest.mark.parametrize("name", [*SITE_FOLDERS, "about"])
def test_a_timeline_folder_named_like_a_site_page_is_refused(content_tree: ContentTree, name):
    shutil.copytree(content_tree.path("timelines/demo"), content_tree.path(f"timelines/{name}"))
    pages = content_tree.root.parent / "pages"
    pages.mkdir()
    (pages / "about.md").write_text("# About\n", encoding="utf-8")
    _, problems = checking.check_content(content_tree.root, pages)
    (problem,) = [p for p in problems if p.code == "reserved-name"]
    assert (problem.source_path, problem.line, problem.column) == (
        f"timelines/{name}/timeline.yaml",
        1,
        1,
    )
    assert f"the timeline folder '{name}' has the address of" in problem.message
    assert "rename the folder (names taken: about, actors, assets, corrections" in problem.message


def test_an_actor_called_index_is_refused(content_tree: ContentTree):
    content_tree.write("actors/index.yaml", content_tree.read(RUFUS))
    problems = [p for p in content_tree.problems() if p.code == "reserved-name"]
    assert [(p.source_path, p.line) for p in problems] == [("actors/index.yaml", 1)]
    assert "actors/index is the list of everyone" in problems[0].message


def test_a_topic_called_index_is_refused(content_tree: ContentTree):
    content_tree.replace(
        TIMELINE, "    name: Parliament\n", "    name: Parliament\n  - id: index\n    name: Index\n"
    )
    (problem,) = [p for p in content_tree.problems() if p.code == "reserved-name"]
    assert (problem.source_path, problem.line, problem.column) == (
        TIMELINE,
        *content_tree.locate(TIMELINE, "index\n"),
    )


def test_a_hand_written_page_a_generated_one_would_replace_fails_the_build(tmp_path):
    from generator.errors import UserError

    pages = tmp_path / "pages"
    (pages / "actors").mkdir(parents=True)
    (pages / "actors/index.md").write_text("# People\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"pages/actors/index\.md has the address of a page made"):
        pipeline.compile_site(VALID_CONTENT, pages)
