"""Shared test setup: the --update-goldens flag and builds of the fixture and real sites."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(PROJECT))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the expected pages of the golden tests (review the diff!)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def make_project(root: Path, content: Path) -> Path:
    """A throwaway copy of the project around `content`, so a build never touches the real docs/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", root / "docs", ignore=_only_hand_written)
    shutil.copytree(content, root / "content")
    (root / "plansite").symlink_to(PROJECT / "plansite")
    return root


def _only_hand_written(folder: str, names: list[str]) -> list[str]:
    from plansite.write import is_generated

    return [n for n in names if n.endswith(".md") and is_generated(Path(folder) / n)]


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in a project, as the README's build does."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, capture_output=True, text=True, env=_env(),
    )


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built into a site with `mkdocs build --strict`; the site/ folder."""
    project = make_project(tmp_path_factory.mktemp("real") / "project", PROJECT / "content")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_index():
    """The real content, loaded and resolved."""
    from plansite.build import Paths, check

    return check(Paths.for_project(PROJECT))
