"""`timeline check --changed REF`: report on what a branch changed, with references
into the rest of the content still checked."""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner
from helpers import RUFUS, SPEECH, VOTE

from generator.cli.commands import main
from generator.content.changed_files import narrow
from generator.content.problems import Problem


def git(cwd, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Ed", "-c", "user.email=ed@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(content_tree):
    """The valid content committed on `main`, with a branch `edit` checked out."""
    root = content_tree.root.parent
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "content")
    git(root, "checkout", "-q", "-b", "edit")
    return content_tree


def check(tree, *args: str):
    return CliRunner().invoke(
        main, ["check", "--content", str(tree.root), *args], prog_name="timeline"
    )


def break_vote(tree) -> None:
    """An old problem in a file the branch will not touch."""
    tree.replace(VOTE, "\ntitle:", "\ntitel:")


def test_clean_branch_passes(repo):
    result = check(repo, "--changed")
    assert result.exit_code == 0, result.output
    assert result.stderr == "ok: 0 file(s) changed since main\n"


def test_reports_only_changed_files(repo):
    break_vote(repo)
    git(repo.root, "commit", "-qam", "an old mistake on main")
    git(repo.root.parent, "branch", "-qf", "main", "HEAD")
    repo.replace(SPEECH, "importance: key", "importance: urgent")
    result = check(repo, "--changed", "main")
    assert result.exit_code == 1
    assert SPEECH in result.stdout and VOTE not in result.stdout
    assert "importance" in result.stdout
    assert "1 problem(s) in files unchanged since main not shown" in result.stderr
    # Without --changed, both are reported.
    full = check(repo)
    assert SPEECH in full.stdout and VOTE in full.stdout


def test_unchanged_files_with_old_problems_do_not_fail_a_clean_change(repo):
    break_vote(repo)
    git(repo.root, "commit", "-qam", "an old mistake on main")
    git(repo.root.parent, "branch", "-qf", "main", "HEAD")
    result = check(repo, "--changed", "main")
    assert result.exit_code == 0
    assert "1 problem(s) in files unchanged since main not shown" in result.stderr


def test_untracked_staged_and_committed_changes_count(repo):
    new = "timelines/demo/events/new.yaml"
    repo.write(new, repo.read(VOTE).replace("\ntitle:", "\ntitel:"))
    result = check(repo, "--changed")
    assert result.exit_code == 1 and new in result.stdout  # untracked
    git(repo.root, "add", ".")
    assert new in check(repo, "--changed").stdout  # staged
    git(repo.root, "commit", "-qm", "new event")
    assert new in check(repo, "--changed").stdout  # committed on the branch


def test_references_into_unchanged_files_are_checked(repo):
    repo.replace(SPEECH, "  - rufus-firefly\n  - freedonia", "  - rufus-firefy\n  - freedonia")
    result = check(repo, "--changed")
    assert result.exit_code == 1
    assert "did you mean 'rufus-firefly'?" in result.stdout


def test_deleting_a_file_reports_what_it_breaks_elsewhere(repo):
    # The deleted actor's file is the change; the broken references are in an
    # event the branch did not touch, and they are reported.
    git(repo.root, "rm", "-q", RUFUS)
    result = check(repo, "--changed")
    assert result.exit_code == 1
    assert SPEECH in result.stdout and "rufus-firefly" in result.stdout


def test_what_landed_on_main_since_the_branch_began_is_not_this_branch_change(repo):
    git(repo.root, "checkout", "-q", "main")
    break_vote(repo)
    git(repo.root, "commit", "-qam", "someone else's mistake")
    git(repo.root, "checkout", "-q", "edit")
    # The branch does not contain main's change, so the tree is clean.
    assert check(repo, "--changed").exit_code == 0


def test_github_annotations_for_changed_files(repo):
    repo.replace(SPEECH, "importance: key", "importance: urgent")
    result = check(repo, "--changed", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={repo.root}/{SPEECH},line=")


def test_unknown_ref_is_a_usage_error(repo):
    result = check(repo, "--changed", "no-such-branch")
    assert result.exit_code == 2
    assert "unknown git ref 'no-such-branch'" in result.stderr
    assert "--changed origin/main" in result.stderr


def test_outside_a_repository_is_a_usage_error(content_tree):
    result = check(content_tree, "--changed")
    assert result.exit_code == 2
    assert "is not in a git repository: check without --changed" in result.stderr


def test_narrow_keeps_cross_file_problems_everywhere():
    problems = [
        Problem("a.yaml", 1, 1, "x", "invalid"),
        Problem("b.yaml", 1, 1, "y", "invalid"),
        Problem("b.yaml", 2, 1, "z", "unknown-reference"),
        Problem("t.yaml", 3, 1, "w", "stale-updated"),
    ]
    shown, hidden = narrow(problems, {"a.yaml"})
    assert [p.message for p in shown] == ["x", "z", "w"]
    assert hidden == 1
