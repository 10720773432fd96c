"""Shared test setup: the --update-goldens flag and builds of the fixture and real sites."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(PROJECT))

SMALL = FIXTURES / "small" / "content"
PRIORITY = "plans/first-plan-2019-2022/priorities/healthy-start.yml"


def run_build(content: Path, docs: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--content", str(content),
         "--docs", str(docs), *extra],
        capture_output=True, text=True,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder with a hash of its bytes and its modification time."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() + str(p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the small fixture content and a docs/ folder built from it (the last good site)."""
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(SMALL, content)
    docs.mkdir()
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    assert run_build(content, docs).returncode == 0
    return content, docs


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_rejected(content: Path, docs: Path, expected: list[str]) -> None:
    """The build fails with exactly these problem lines and changes nothing in docs/."""
    before = snapshot(docs)
    result = run_build(content, docs)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert lines[:-1] == [line.replace("CONTENT", str(content)) for line in expected]
    assert lines[-1].endswith("nothing in docs/ was changed.")
    assert snapshot(docs) == before


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the expected pages of the golden tests (review the diff!)")
    parser.addoption("--engine", default="mkdocs", choices=["mkdocs", "zensical"],
                     help="the engine the built sites are made with (CI runs the built-site tests with both)")


def pytest_configure(config: pytest.Config) -> None:
    ENGINE[0] = config.getoption("--engine")
    config.addinivalue_line("markers", "built_site: a test of a built site (CI runs these with each engine)")


BUILT_SITES = {"real_site", "small_site", "hostile_site", "new_plan_site"}
"""The fixtures that are whole built sites."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILT_SITES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.built_site)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def hook_config(project: Path) -> SimpleNamespace:
    """What the MkDocs hook reads of MkDocs' configuration, for tests that call the hook directly."""
    theme = SimpleNamespace(static_templates=set(), dirs=[], get_env=lambda: None)
    return SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "docs"), nav=None,
                           site_url=None, site_dir=str(project / "site"), theme=theme, items=lambda: [])


def make_project(root: Path, content: Path) -> Path:
    """A throwaway copy of the project around `content`, so a build never touches the real docs/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", root / "docs", ignore=_only_hand_written)
    shutil.copytree(content, root / "content")
    # The entry point is copied (it finds its project from its own place); the code is shared.
    shutil.copytree(PROJECT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "plansite").symlink_to(PROJECT / "plansite")
    (root / "overrides").symlink_to(PROJECT / "overrides")
    return root


def _only_hand_written(folder: str, names: list[str]) -> list[str]:
    from plansite.publish.write import generated

    made = generated(PROJECT / "docs")
    return [n for n in names if (Path(folder) / n).relative_to(PROJECT / "docs").as_posix() in made]


def build_site(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Build a project's whole site as `make build` does (scripts/build_pages.py --site), with the
    engine the tests were asked for (--engine; MkDocs by default)."""
    return subprocess.run(
        [sys.executable, "scripts/build_pages.py", "--site", "--engine", ENGINE[0]],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_ZENSICAL": str(ZENSICAL), **env},
    )


ZENSICAL = PROJECT / ".venv-zensical" / "bin" / "zensical"
"""Zensical, for the built-site tests with --engine zensical (`make zensical-setup` installs it)."""


ENGINE = ["mkdocs"]
"""The engine the built-site tests use (set once from --engine when the session starts)."""


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """What `make(folder)` returns, made once per test session: the first worker (pytest-xdist) to ask
    makes it, the others wait for it and share it. Whoever uses it only reads it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder every worker of this session shares
    folder = base / f"shared-{name}-{ENGINE[0]}"
    with (base / f"shared-{name}-{ENGINE[0]}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = folder / "made.txt"
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result = make(folder)
            made.write_text(str(result.relative_to(folder)), encoding="utf-8")
        return folder / made.read_text(encoding="utf-8")


def site_of(project: Path) -> Path:
    """Build a project's site; its site/ folder (a failed build fails the tests that need it)."""
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built into a whole site, as `make build` does; the site/ folder."""
    return shared(tmp_path_factory, "real",
                  lambda folder: site_of(make_project(folder / "project", PROJECT / "content")))


@pytest.fixture(scope="session")
def real_index():
    """The real content, loaded and resolved."""
    from plansite.publish.build import Paths, check

    return check(Paths.for_project(PROJECT))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose every text field holds hostile text (see hostile.py), built; the site/ folder."""
    from hostile import hostile_content

    def make(root: Path) -> Path:
        project = make_project(root / "project", hostile_content(root))
        result = build_site(project)
        assert result.returncode == 0, result.stderr
        return project / "site"

    return shared(tmp_path_factory, "hostile", make)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture content built into a site; the site/ folder."""
    def make(root: Path) -> Path:
        project = make_project(root / "project", SMALL)
        result = build_site(project)
        assert result.returncode == 0, result.stderr
        return project / "site"

    return shared(tmp_path_factory, "small", make)
