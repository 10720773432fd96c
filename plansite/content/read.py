"""Find every content file, load and validate it, and gather the results in one Content."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plansite.content import trackers
from plansite.content.load import MAX_BYTES, Loaded, Locator, load_file
from plansite.content.parsed import Parsed
from plansite.content.schema import PLAN_FILES, SITE_FILES, Priority
from plansite.content.schema.files import (
    FiguresFile,
    GlossaryFile,
    OwnersFile,
    ReflectionFile,
    SectionsFile,
    Site,
    TopicsFile,
    VoicesFile,
)
from plansite.content.schema.plan import Plan
from plansite.content.tree import FILE, FOLDER, Entry, FolderTree, Tree, join, name_of
from plansite.content.validate import validate
from plansite.core.problems import Problem, did_you_mean, one_of, then


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
    key: str | None = None
    """An id that changes whenever anything in the plan's folder does (git's object id, in an old
    version), so that what is worked out from it can be reused; None in the working folder."""
    numbers_restart: bool = False
    """True when the plan numbers its commitments within each priority, so that one id (such as '7')
    names a commitment in more than one priority (worked out by the resolver)."""

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


class Memo:
    """What was read from each file and plan folder of a version, by git's object id, for the versions
    after it: only what changed is read again. It forgets what the last KEEP versions did not use."""

    KEEP = 64

    def __init__(self) -> None:
        self._kept: dict[tuple, tuple[Any, int]] = {}
        self._version = 0

    def get(self, key: tuple) -> Any:
        """What was read for `key`, or None."""
        found = self._kept.get(key)
        if found is None:
            return None
        self._kept[key] = (found[0], self._version)
        return found[0]

    def put(self, key: tuple, value: Any) -> None:
        self._kept[key] = (value, self._version)

    def next_version(self) -> None:
        """Start the next version; forget what has not been used for a while."""
        self._version += 1
        if self._version % self.KEEP == 0:
            self._kept = {k: v for k, v in self._kept.items() if v[1] > self._version - self.KEEP}


class _Reader:
    def __init__(self, tree: Tree, label: str, memo: Memo | None, parsed: Parsed | None = None) -> None:
        self.tree = tree
        self.label = label
        self.memo = memo
        self.parsed = parsed
        self.problems: list[Problem] = []
        self.locator = Locator()
        self.broken: set[str] = set()
        self.site: Site | None = None

    def rel(self, path: str) -> str:
        """A path as messages name it (content/plans/…)."""
        return f"{self.label}/{path}" if path else self.label

    def read(self, path: str, model: type) -> Any:
        """A file loaded and validated, its problems noted. With a memo, a file already read in another
        version is neither parsed nor validated again; a priority comes as a new copy of its
        commitments and measures (with new lists of updates and values), so that what a later stage
        adds to one version's model never reaches another's."""
        entry = self.tree.entry(path)
        key = (entry.key, path, model.__name__) if entry and entry.key and self.memo is not None else None
        found = self.memo.get(("valid", *key)) if key else None
        if found is None:
            found = self._validate(load_file(self.tree, path, self.rel(path), self.parsed), model)
            if key:
                self.memo.put(("valid", *key), found)
        loaded, problems, result = found
        self.problems += problems
        if loaded is not None:
            self.locator.add(loaded)
        return _fresh(result) if key and isinstance(result, Priority) else result

    @staticmethod
    def _validate(parsed: tuple[Loaded | None, list[Problem]], model: type) -> tuple[Loaded | None, list, Any]:
        loaded, problems = parsed
        if loaded is None or problems:
            return None, problems, None
        result, more = validate(loaded, model)
        return loaded, problems + more, result

    def problem(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        self.problems.append(Problem(self.rel(path), line, column, message))

    def fork(self) -> _Reader:
        """A reader of the same tree that keeps its own problems (to remember a folder's)."""
        own = _Reader(self.tree, self.label, self.memo, self.parsed)
        own.site = self.site
        return own


def _fresh(priority: Priority) -> Priority:
    # New commitment and measure objects, with new lists, around the same validated parts.
    return priority.model_copy(update={
        "commitments": [c.model_copy(update={"progress": list(c.progress)}) for c in priority.commitments],
        "measures": [m.model_copy(update={"values": list(m.values)}) for m in priority.measures]})


YAML_SUFFIXES = (".yml", ".yaml")


def _visible(reader: _Reader, folder: str) -> list[Entry]:
    """A folder's entries in name order, without hidden files and editors' backup and lock files."""
    return [e for e in reader.tree.list(folder) if not e.name.startswith((".", "#", "~"))
            and not e.name.endswith(("~", "#", ".swp", ".swo", ".bak", ".tmp"))]


def _yaml_files(reader: _Reader, folder: str) -> list[str]:
    """The YAML files of a folder that can be read; a problem for each that cannot."""
    return files_of(reader, folder, YAML_SUFFIXES)


def files_of(reader: _Reader, folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """The files of a folder whose names end with one of `suffixes` (hidden and backup files left
    out), by the same rules in the working folder and in an old version: a problem for a link that
    cannot be followed, or a folder named like such a file. (Trackers beside the YAML are found so.)"""
    files = []
    for entry in _visible(reader, folder):
        if not entry.name.endswith(suffixes):
            continue
        path = join(folder, entry.name)
        if entry.fault:
            reader.problem(path, entry.fault)
        elif entry.kind == FOLDER:
            reader.problem(path, f"'{entry.name}' is a folder, but its name ends like a content file;"
                           " rename the folder (or move its files out)")
        else:
            files.append(path)
    return files


def read_content(content_dir: Path, project_dir: Path, parsed: Parsed | None = None) -> Content:
    """Load and validate every file under content_dir, keeping what could be read and every problem
    (`parsed`: the files the preview's last build parsed, by their text)."""
    try:
        label = content_dir.relative_to(project_dir).as_posix()
    except ValueError:
        label = content_dir.as_posix()
    return read_tree(FolderTree(content_dir), label, parsed=parsed)


def read_tree(tree: Tree, label: str, memo: Memo | None = None, parsed: Parsed | None = None) -> Content:
    """Load and validate every file of a content tree (`label`: how messages name its folder).
    `memo` keeps what was read from each file and plan folder by its key (git's object id), so that
    reading many versions reads each unchanged part once."""
    reader = _Reader(tree, label, memo, parsed)
    root = tree.entry("")
    if root is None or root.kind != FOLDER:
        reader.problem("", "the content folder does not exist; create it with site.yml inside")
        return Content(None, None, None, [], None, reader.locator, reader.problems, {"site.yml"})
    top = {name: _read_site_file(reader, name, model) for name, model in SITE_FILES.items()}
    reader.broken |= {name for name, value in top.items() if value is None}
    reader.site = top["site.yml"]
    _check_top_level(reader)
    plans = [bundle for entry in _plan_folders(reader) if (bundle := _remembered_plan(reader, entry))]
    return Content(site=top["site.yml"], owners=top["owners.yml"], glossary=top["glossary.yml"],
                   topics=top["topics.yml"], plans=plans, locator=reader.locator, problems=reader.problems,
                   broken=reader.broken)


def _read_site_file(reader: _Reader, name: str, model: type) -> Any:
    entry = reader.tree.entry(name)
    fault = entry and (entry.fault or (f"'{name}' is a folder; it must be a file" if entry.kind == FOLDER else None))
    if fault:
        reader.problem(name, fault)
        return None
    if entry is not None:
        return reader.read(name, model)
    if name == "site.yml":
        reader.problem(name, "the site settings file is missing; create content/site.yml")
        return None
    return model()  # owners and glossary may be empty


def _check_top_level(reader: _Reader) -> None:
    for entry in _visible(reader, ""):
        if entry.kind == FILE and entry.name.endswith(YAML_SUFFIXES) and entry.name not in SITE_FILES:
            reader.problem(entry.name, then(f"unknown file '{entry.name}'{did_you_mean(entry.name, SITE_FILES)}",
                                            f"content/ holds {one_of(SITE_FILES)} and the plans/ folder"))


def _plan_folders(reader: _Reader) -> list[Entry]:
    folders = []
    for entry in _visible(reader, "plans"):
        if entry.fault:
            reader.problem(join("plans", entry.name), entry.fault)
        elif entry.kind == FOLDER:
            folders.append(entry)
    return folders


def _remembered_plan(reader: _Reader, entry: Entry) -> PlanBundle | None:
    # A plan folder whose contents have not changed since another version is not read again.
    folder = join("plans", entry.name)
    if reader.memo is None or entry.key is None:
        return _read_plan(reader, folder)
    # (The trackers in it are read with site.yml's table of status words, so that is part of the key.)
    statuses = tuple(sorted(reader.site.tracker_statuses.items())) if reader.site else None
    key = ("plan", entry.key, folder, statuses)
    found = reader.memo.get(key)
    if found is None:
        own = reader.fork()
        bundle = _read_plan(own, folder)
        found = (bundle and dataclasses.replace(bundle), own.problems, own.broken, list(own.locator.files.values()))
        reader.memo.put(key, found)
    bundle, problems, broken, loaded = found
    reader.problems += problems
    reader.broken |= broken
    for one in loaded:
        reader.locator.add(one)
    # A new bundle each time: resolving a version reorders its list of priorities.
    return bundle and dataclasses.replace(bundle, priorities=list(bundle.priorities), key=entry.key)


def _read_plan(reader: _Reader, folder: str) -> PlanBundle | None:
    files = _yaml_files(reader, folder)
    name = name_of(folder)
    plan_file = join(folder, "plan.yml")
    if plan_file not in files:
        if reader.tree.entry(plan_file) is not None:
            reader.broken.add(name)  # it exists but cannot be read: the problem is already reported
            return None
        reader.problem(plan_file, f"the plan folder '{name}' has no plan.yml; create it")
        return None
    plan = reader.read(plan_file, Plan)
    # Keep the bundle even when plan.yml fails, so its priorities are still cross-checked.
    bundle = PlanBundle(plan=plan, folder=reader.rel(folder))
    if plan is None:
        reader.broken.add(name)
    if plan and plan.id != name:
        reader.problems.append(reader.locator.problem(
            plan, ("id",), f"the plan id '{plan.id}' does not match its folder '{name}';"
            " rename the folder or change the id"))
    for path in files:
        file_name = name_of(path)
        if file_name != "plan.yml":
            if file_name not in PLAN_FILES:
                reader.problem(path, then(f"unknown file '{file_name}'{did_you_mean(file_name, PLAN_FILES)}",
                                          f"a plan folder holds {one_of(PLAN_FILES)} and priorities/"))
                continue
            value = reader.read(path, PLAN_FILES[file_name])
            if value is None:
                reader.broken.add(f"{name}/{file_name}")
            setattr(bundle, file_name.rsplit(".", 1)[0], value)
    bundle.priorities = _read_priorities(reader, folder)
    partial = any(b.startswith(f"{name}/") for b in reader.broken)
    reader.problems += trackers.merge(bundle, _read_trackers(reader, folder), reader.locator, partial)
    return bundle


def _read_trackers(reader: _Reader, folder: str) -> list[trackers.Table]:
    """The plan's progress/ and values/ spreadsheets, read by the rules of its YAML files (from the
    working folder or an old version alike)."""
    statuses = reader.site.tracker_statuses if reader.site else None
    tables = []
    for entry in _visible(reader, folder):
        if entry.kind == FILE and entry.name.lower().endswith(trackers.SUFFIXES):
            reader.problem(join(folder, entry.name), "a tracker is read from the plan's progress/ folder (updates)"
                           " or values/ folder (measure values); move it into one of them")
    for kind in trackers.KINDS:
        for entry in _visible(reader, join(folder, kind)):
            path = join(join(folder, kind), entry.name)
            fault = entry.fault or trackers.file_fault(entry.name, entry.kind == FOLDER, entry.size, MAX_BYTES)
            try:
                data = None if fault else reader.tree.read(path)
            except OSError as err:
                fault = f"the file cannot be read ({err.strerror or err}); check that you may open it"
            if fault:
                reader.problem(path, fault)
                continue
            table, problems = trackers.read_table(reader.rel(path), kind, data, statuses)
            reader.problems += problems
            tables.append(table)
    return tables


def _read_priorities(reader: _Reader, folder: str) -> list[Priority]:
    result = []
    for path in _yaml_files(reader, join(folder, "priorities")):
        priority = reader.read(path, Priority)
        stem = name_of(path).rsplit(".", 1)[0]
        if priority is None:
            reader.broken.add(f"{name_of(folder)}/{stem}")
            continue
        if priority.id != stem:
            reader.problems.append(reader.locator.problem(
                priority, ("id",), f"the priority id '{priority.id}' does not match its file name"
                f" '{name_of(path)}'; rename the file or change the id"))
        result.append(priority)
    return result
