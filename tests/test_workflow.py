"""The publishing workflow: tests every pull request, publishes to GitHub Pages only from main."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def test_runs_on_pull_requests_and_on_pushes_to_main(workflow):
    triggers = _triggers(workflow)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_checkout_fetches_the_whole_history(workflow):
    for name, job in workflow["jobs"].items():
        checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert checkouts, name
        assert all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts), name


def _step(job: dict[str, Any], uses: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("uses", "").startswith(uses))


def test_every_job_runs_in_debian_with_python_3_11(workflow):
    # The tests are made for Debian's chromium and Python 3.11: the jobs run where the tests run.
    for name, job in workflow["jobs"].items():
        assert job["container"] == "python:3.11-bookworm", name
        runs = _runs(job)
        assert 'git config --global --add safe.directory "$GITHUB_WORKSPACE"' in runs, name


def test_the_history_cache_is_kept_between_runs(workflow):
    for name, job in workflow["jobs"].items():
        cache = _step(job, "actions/cache@")
        assert cache["with"]["path"] == ".docs.build/history", name
        steps = job["steps"]
        build = next(i for i, s in enumerate(steps) if s.get("run", "").strip() == "make build")
        assert steps.index(cache) < build, name


def test_pull_requests_run_the_tests_and_the_build(workflow):
    test = workflow["jobs"]["test"]
    assert "if" not in test  # runs for every trigger, pull requests included
    runs = _runs(test)
    assert "apt-get update && apt-get install -y chromium" in runs  # Debian's package, no snap, no sudo
    assert "make test" in runs and "make build" in runs
    assert runs.index("make test") < runs.index("make build")


def test_the_engine_is_the_one_the_readme_names(workflow):
    readme = (WORKFLOW.parents[2] / "README.md").read_text(encoding="utf-8")
    named = re.search(r"published with \*\*(\w+)\*\* \(`ENGINE=(\w+)`", readme)
    assert named, "the README says which engine publishes the site"
    assert workflow["env"]["ENGINE"] == named.group(2)


def test_deploy_refuses_a_build_without_the_whole_history(workflow):
    build = next(s for s in workflow["jobs"]["deploy"]["steps"] if s.get("run", "").strip() == "make build")
    assert build["env"]["PLANSITE_REQUIRE_HISTORY"] == "1"


def test_deploy_uses_the_official_pages_actions_only_from_main(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    condition = deploy["if"].replace(" ", "")
    assert "github.event_name=='push'" in condition and "github.ref=='refs/heads/main'" in condition
    uses = _uses(deploy)
    for action in ("actions/configure-pages@v5", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"):
        assert action in uses
    assert uses.index("actions/configure-pages@v5") < uses.index("actions/upload-pages-artifact@v3") \
        < uses.index("actions/deploy-pages@v4")
    pages = next(s for s in deploy["steps"] if s.get("uses") == "actions/configure-pages@v5")
    build = next(s for s in deploy["steps"] if s.get("run", "").strip() == "make build")
    assert build["env"]["PLANSITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert pages["id"] == "pages"
    upload = next(s for s in deploy["steps"] if s.get("uses") == "actions/upload-pages-artifact@v3")
    assert upload["with"]["path"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write", "contents": "read"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["group"]
