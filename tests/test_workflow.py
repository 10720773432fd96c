"""The publishing workflow: tests every pull request, publishes to GitHub Pages only from main."""

from __future__ import annotations

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


def test_pull_requests_run_the_tests_and_the_build(workflow):
    test = workflow["jobs"]["test"]
    assert "if" not in test  # runs for every trigger, pull requests included
    assert "actions/setup-python@v5" in _uses(test)
    python = next(s for s in test["steps"] if s.get("uses") == "actions/setup-python@v5")
    assert str(python["with"]["python-version"]) == "3.11"
    runs = _runs(test)
    assert any("apt-get install -y chromium" in r for r in runs)
    assert "make test" in runs and "make build" in runs
    assert runs.index("make test") < runs.index("make build")


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
