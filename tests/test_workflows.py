"""The editor's pull-request workflow: GitHub Actions, pre-commit, CODEOWNERS.

The workflows are linted (actionlint, and GitHub's workflow schema) and their
`run` steps are run here, in order, on a fresh copy of the repository, as a new
user's pull request would run them.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO, fresh_copy

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); give it its name back.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(path: Path) -> list[dict]:
    return [step for job in load(path)["jobs"].values() for step in job.get("steps", [])]


def test_there_is_a_pull_request_and_a_deploy_workflow():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]
    assert load(REPO / ".github/workflows/pull-request.yml")["on"] == {"pull_request": None}
    assert load(REPO / ".github/workflows/deploy.yml")["on"]["push"] == {"branches": ["main"]}


# The two linters: actionlint, and GitHub's workflow schema (vendored in check-jsonschema).
LINTERS = {
    "actionlint": [BIN / "actionlint", "-no-color"],
    "schema": [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows"],
}


def lint(linter: str, workflow: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*LINTERS[linter], str(workflow)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("linter", LINTERS)
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_linters_pass(workflow, linter):
    done = lint(linter, workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linters_catch_a_broken_workflow(tmp_path):
    # So that the test above can fail.
    text = (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        text.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04").replace(
            "${{ github.event.pull_request.number }}", "${{ github.event.pull_requests.number }"
        ),
        encoding="utf-8",
    )
    actionlint, schema = lint("actionlint", broken), lint("schema", broken)
    assert actionlint.returncode == 1 and "runs_on" in actionlint.stdout
    assert schema.returncode == 1


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(workflow):
    text = workflow.read_text(encoding="utf-8")
    data = load(workflow)
    assert "pull_request_target" not in data["on"]
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        assert set(granted) <= {"pages", "id-token"}, name
        if granted:  # only the deploy job publishes, and only on a push to main
            assert workflow.name == "deploy.yml" and name == "deploy"
    for step in steps(workflow):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
            assert re.search(re.escape(step["uses"]) + r" # v\d+\.\d+\.\d+\n", text)
        if "run" in step:  # expressions in a shell line are an injection risk
            assert "${{" not in step["run"], step["name"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def run_steps(workflow: Path, cwd: Path, tmp_path: Path) -> list[str]:
    """Run the workflow's shell steps as the runner would; the `Install` step is
    what this test environment already did (`pip install '.[chinese]'`, here editable)."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    ran = []
    for step in steps(workflow):
        if "run" not in step:
            continue
        if step["name"] == "Install":
            assert step["run"] == "python -m pip install '.[chinese]'"
            continue
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{step['name']}:\n{done.stdout}\n{done.stderr}"
        ran.append(step["run"].split("\n")[0])
    return ran


def test_pull_request_steps_run_on_a_fresh_copy(tmp_path):
    copy = fresh_copy(tmp_path)
    ran = run_steps(REPO / ".github/workflows/pull-request.yml", copy, tmp_path)
    assert ran[:3] == ["timeline check --format github", "timeline build", "timeline links"]
    assert (copy / "site" / "kabul-calls" / "index.html").is_file()
    assert "site-preview" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    upload = next(
        s
        for s in steps(REPO / ".github/workflows/pull-request.yml")
        if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"] == "site/"
    # The check and the build kept their work where the next run restores it,
    # before it checks.
    workflow = steps(REPO / ".github/workflows/pull-request.yml")
    (cache,) = [s for s in workflow if s.get("uses", "").startswith("actions/cache@")]
    checks = [i for i, s in enumerate(workflow) if s.get("run", "").startswith("timeline check")]
    assert workflow.index(cache) < checks[0]
    assert (copy / cache["with"]["path"] / "pages.json").is_file()
    assert (copy / cache["with"]["path"] / "check.jsonl").is_file()
    # The deploy workflow's shell steps are the same checks.
    deploy_runs = [s["run"] for s in steps(REPO / ".github/workflows/deploy.yml") if "run" in s]
    assert deploy_runs == ["python -m pip install '.[chinese]'", *ran[:3]]


def test_pull_request_check_annotates_the_broken_line(tmp_path):
    copy = fresh_copy(tmp_path)
    event = "content/timelines/kabul-calls/events/taliban-take-kabul.yaml"
    path = copy / event
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("\ndate:") + 1].count("\n") + 1
    path.write_text(text.replace("\ndate:", "\ndate: 15 August 2021\nwhen:", 1), encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        run_steps(REPO / ".github/workflows/pull-request.yml", copy, tmp_path)
    report = str(failed.value)
    assert report.startswith("Check the content:")
    assert (
        f"::error file=content/timelines/kabul-calls/events/taliban-take-kabul.yaml,line={line},"
        in report
    )


# --- pre-commit ------------------------------------------------------------------


def pre_commit(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home")}
    return subprocess.run(
        [BIN / "pre-commit", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_pre_commit_files_are_valid(tmp_path):
    assert pre_commit("validate-config", ".pre-commit-config.yaml").returncode == 0
    assert pre_commit("validate-manifest", ".pre-commit-hooks.yaml").returncode == 0
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["timeline-check"]
    # The hook runs the console script this package installs.
    assert hooks[0]["entry"] == "timeline check" and hooks[0]["language"] == "python"
    assert 'timeline = "generator.cli:main"' in (REPO / "pyproject.toml").read_text()


def test_pre_commit_refuses_a_commit_with_a_content_mistake(tmp_path):
    copy = fresh_copy(tmp_path)
    (copy / ".venv").symlink_to(BIN.parent)
    git = ["git", "-c", "user.name=Ed", "-c", "user.email=ed@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=copy, check=True)
    subprocess.run([*git, "add", "."], cwd=copy, check=True)
    event = copy / "content/timelines/kabul-calls/events/taliban-take-kabul.yaml"
    event.write_text(event.read_text(encoding="utf-8") + "mood: tense\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=copy, check=True)
    done = pre_commit("run", "timeline-check", cwd=copy)
    assert done.returncode == 1
    assert "content/timelines/kabul-calls/events/taliban-take-kabul.yaml:" in done.stdout
    assert "'mood'" in done.stdout


# --- CODEOWNERS ------------------------------------------------------------------


def owners(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """GitHub's rule, for the patterns this file uses: the last match wins."""
    found: list[str] = []
    for pattern, who in rules:
        anchored = pattern.strip("/")
        folder = pattern.endswith("/") and path.startswith(anchored + "/")
        if pattern == "*" or folder or fnmatch.fnmatch(path, anchored):
            found = who
    return found


def test_codeowners_give_content_to_editors_and_the_build_to_maintainers():
    rules = []
    for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *who = line.split()
            rules.append((pattern, who))
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    for path in [*tracked, ".github/CODEOWNERS", "mkdocs.yml", "generator/render/renderer.py"]:
        expected = (
            ["@your-org/editors"]
            if path.startswith("content/")
            else ["@your-org/timeline-maintainers"]
        )
        assert owners(path, rules) == expected, path
