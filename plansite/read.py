"""Find every content file, load and validate it, and gather the results in one Content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import trackers
from .load import MAX_BYTES, Locator, load_file
from .problems import Problem, did_you_mean, one_of, then
from .schema import PLAN_FILES, SITE_FILES, Priority
from .schema.files import (
    FiguresFile,
    GlossaryFile,
    OwnersFile,
    ReflectionFile,
    SectionsFile,
    Site,
    TopicsFile,
    VoicesFile,
)
from .schema.plan import Plan
from .validate import validate


@dataclass
class PlanBundle:
    """A plan and the other files of its folder."""

    plan: Plan | None
    """The plan's own file; None when plan.yml could not be read (its problems are reported)."""
    folder: str
    priorities: list[Priority] = field(default_factory=list)
    sections: SectionsFile | None = None
    figures: FiguresFile | None = None
    voices: VoicesFile | None = None
    reflection: ReflectionFile | None = None

    @property
    def id(self) -> str:
        """The plan's id (its folder name, which must match)."""
        return self.plan.id if self.plan else self.folder.rsplit("/", 1)[-1]


@dataclass
class Content:
    """Everything under content/, validated but not yet cross-checked."""

    site: Site | None
    owners: OwnersFile | None
    glossary: GlossaryFile | None
    plans: list[PlanBundle]
    topics: TopicsFile | None
    locator: Locator
    problems: list[Problem] = field(default_factory=list)
    """Problems found while reading; the resolve stage adds its own and reports them all."""
    broken: set[str] = field(default_factory=set)
    """References (plan, plan/priority, owners.yml …) whose files could not be read, so that
    references into them are not reported as missing."""


class _Reader:
    def __init__(self, content_dir: Path, project_dir: Path) -> None:
        self.content_dir = content_dir
        self.project_dir = project_dir
        self.problems: list[Problem] = []
        self.locator = Locator()
        self.broken: set[str] = set()
        self.site: Site | None = None

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.project_dir).as_posix()
        except ValueError:
            return path.as_posix()

    def read(self, path: Path, model: type) -> Any:
        loaded, problems = load_file(path, self.rel(path))
        self.problems += problems
        if loaded is None or problems:
            return None
        self.locator.add(loaded)
        result, problems = validate(loaded, model)
        self.problems += problems
        return result

    def problem(self, path: Path, message: str, line: int = 1, column: int = 1) -> None:
        self.problems.append(Problem(self.rel(path), line, column, message))


YAML_SUFFIXES = (".yml", ".yaml")


def _visible(folder: Path) -> list[Path]:
    """A folder's entries in name order, without hidden files and editors' backup and lock files."""
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return []
    return [folder / n for n in names
            if not n.startswith((".", "#", "~")) and not n.endswith(("~", "#", ".swp", ".swo", ".bak", ".tmp"))]


def _yaml_files(reader: _Reader, folder: Path) -> list[Path]:
    """The YAML files of a folder that can be read; a problem for each that cannot."""
    files = []
    for path in _visible(folder):
        if not path.name.endswith(YAML_SUFFIXES):
            continue
        fault = _fault(reader, path)
        if fault:
            reader.problem(path, fault)
        elif path.is_dir():
            reader.problem(path, f"'{path.name}' is a folder, but its name ends like a content file;"
                           " rename the folder (or move its files out)")
        else:
            files.append(path)
    return files


def _fault(reader: _Reader, path: Path) -> str | None:
    # A link to a file elsewhere could publish any file on the computer; a broken link reads nothing.
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "this is a link to a file that does not exist; delete the link or restore the file"
    if not target.is_relative_to(reader.content_dir.resolve()):
        return "this is a link to a file outside content/; copy the file into content/ instead"
    return None


def read_content(content_dir: Path, project_dir: Path) -> Content:
    """Load and validate every file under content_dir, keeping what could be read and every problem."""
    reader = _Reader(content_dir, project_dir)
    if not content_dir.is_dir():
        reader.problem(content_dir, "the content folder does not exist; create it with site.yml inside")
        return Content(None, None, None, [], None, reader.locator, reader.problems, {"site.yml"})
    top = {name: _read_site_file(reader, name, model) for name, model in SITE_FILES.items()}
    reader.broken |= {name for name, value in top.items() if value is None}
    reader.site = top["site.yml"]
    _check_top_level(reader)
    plans = [bundle for folder in _plan_folders(reader) if (bundle := _read_plan(reader, folder))]
    return Content(site=top["site.yml"], owners=top["owners.yml"], glossary=top["glossary.yml"],
                   topics=top["topics.yml"], plans=plans, locator=reader.locator, problems=reader.problems,
                   broken=reader.broken)


def _read_site_file(reader: _Reader, name: str, model: type) -> Any:
    path = reader.content_dir / name
    fault = _fault(reader, path) or (f"'{name}' is a folder; it must be a file" if path.is_dir() else None)
    if fault:
        reader.problem(path, fault)
        return None
    if path.exists():
        return reader.read(path, model)
    if name == "site.yml":
        reader.problem(path, "the site settings file is missing; create content/site.yml")
        return None
    return model()  # owners and glossary may be empty


def _check_top_level(reader: _Reader) -> None:
    for path in _visible(reader.content_dir):
        if path.is_file() and path.name.endswith(YAML_SUFFIXES) and path.name not in SITE_FILES:
            reader.problem(path, then(f"unknown file '{path.name}'{did_you_mean(path.name, SITE_FILES)}",
                                      f"content/ holds {one_of(SITE_FILES)} and the plans/ folder"))


def _plan_folders(reader: _Reader) -> list[Path]:
    folders = []
    for path in _visible(reader.content_dir / "plans"):
        fault = _fault(reader, path)
        if fault:
            reader.problem(path, fault)
        elif path.is_dir():
            folders.append(path)
    return folders


def _read_plan(reader: _Reader, folder: Path) -> PlanBundle | None:
    files = _yaml_files(reader, folder)
    if folder / "plan.yml" not in files:
        if (folder / "plan.yml").exists() or (folder / "plan.yml").is_symlink():
            reader.broken.add(folder.name)  # it exists but cannot be read: the problem is already reported
            return None
        reader.problem(folder / "plan.yml", f"the plan folder '{folder.name}' has no plan.yml; create it")
        return None
    plan = reader.read(folder / "plan.yml", Plan)
    # Keep the bundle even when plan.yml fails, so its priorities are still cross-checked.
    bundle = PlanBundle(plan=plan, folder=reader.rel(folder))
    if plan is None:
        reader.broken.add(folder.name)
    if plan and plan.id != folder.name:
        reader.problems.append(reader.locator.problem(
            plan, ("id",), f"the plan id '{plan.id}' does not match its folder '{folder.name}';"
            " rename the folder or change the id"))
    for path in files:
        if path.name != "plan.yml":
            if path.name not in PLAN_FILES:
                reader.problem(path, then(f"unknown file '{path.name}'{did_you_mean(path.name, PLAN_FILES)}",
                                          f"a plan folder holds {one_of(PLAN_FILES)} and priorities/"))
                continue
            value = reader.read(path, PLAN_FILES[path.name])
            if value is None:
                reader.broken.add(f"{folder.name}/{path.name}")
            setattr(bundle, path.stem, value)
    bundle.priorities = _read_priorities(reader, folder)
    partial = any(b.startswith(f"{folder.name}/") for b in reader.broken)
    reader.problems += trackers.merge(bundle, _read_trackers(reader, folder), reader.locator, partial)
    return bundle


def _read_trackers(reader: _Reader, folder: Path) -> list[trackers.Table]:
    """The plan's progress/ and values/ spreadsheets, read by the rules of its YAML files."""
    statuses = reader.site.tracker_statuses if reader.site else None
    tables = []
    for path in _visible(folder):
        if path.name.lower().endswith(trackers.SUFFIXES) and path.is_file():
            reader.problem(path, "a tracker is read from the plan's progress/ folder (updates) or values/ folder"
                           " (measure values); move it into one of them")
    for kind in trackers.KINDS:
        for path in _visible(folder / kind):
            fault = _fault(reader, path) or trackers.file_fault(path.name, path.is_dir(), _size(path), MAX_BYTES)
            try:
                data = None if fault else path.read_bytes()
            except OSError as err:
                fault = f"the file cannot be read ({err.strerror or err}); check that you may open it"
            if fault:
                reader.problem(path, fault)
                continue
            table, problems = trackers.read_table(reader.rel(path), kind, data, statuses)
            reader.problems += problems
            tables.append(table)
    return tables


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _read_priorities(reader: _Reader, folder: Path) -> list[Priority]:
    result = []
    for path in _yaml_files(reader, folder / "priorities"):
        priority = reader.read(path, Priority)
        if priority is None:
            reader.broken.add(f"{folder.name}/{path.stem}")
            continue
        if priority.id != path.stem:
            reader.problems.append(reader.locator.problem(
                priority, ("id",), f"the priority id '{priority.id}' does not match its file name"
                f" '{path.name}'; rename the file or change the id"))
        result.append(priority)
    return result

