"""The site engines: MkDocs (with Material) and Zensical, its successor. Each turns the Markdown pages
in docs/ into HTML. Our build owns everything around them (generation before; the output check, the
search index and the sitemap after), so each engine is given a complete configuration, written for
it from mkdocs.yml plus what the build decides: the navigation, the site's address and the output
folder. No hook is needed to publish, and both engines read the same navigation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plansite.content import settings as theme_settings
from plansite.core import escape

ENGINES = ("mkdocs", "zensical")
"""The engines the build can run; the first is the default."""

SETTINGS = "mkdocs.yml"
"""The hand-written settings, read by both engines."""

LEFT_BEHIND = {"mkdocs": (), "zensical": ("search.json",)}
"""Files an engine writes that the published site must not carry: Zensical writes its own
whole-site search index even when its search is switched off (the site's search is Pagefind)."""


class EngineError(Exception):
    """An engine could not be found, refused the configuration, or failed; the message says which."""


@dataclass(frozen=True)
class Run:
    """One engine run: which engine, the configuration it was given, where it wrote the site."""

    engine: str
    config: Path
    site: Path


def config_path(project: Path, engine: str) -> Path:
    """Where the configuration for an engine is written: beside mkdocs.yml (both engines resolve
    docs_dir and site_dir from the configuration's folder, and Zensical keeps them inside it)."""
    return project / f".plansite-{engine}.yml"


def settings(project: Path) -> dict[str, Any]:
    """mkdocs.yml as data."""
    try:
        loaded = yaml.safe_load((project / SETTINGS).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise EngineError(f"{SETTINGS} cannot be read: {err}") from None
    if not isinstance(loaded, dict):
        raise EngineError(f"{SETTINGS} must hold keys and values")
    return loaded


def configuration(base: dict[str, Any], engine: str, nav: list[Any], folders: tuple[str, str],
                  site_url: str | None) -> dict[str, Any]:
    """The configuration an engine is run with: mkdocs.yml, the generated navigation, the folders
    (docs, site; relative to the project) and the site's address; no hooks (the build runs every
    step itself). The texts the themes print as they are (site_name …) are given escaped, once."""
    config = {key: value for key, value in base.items() if key != "hooks"}
    for name in theme_settings.TEXTS:  # both engines' themes print these into pages as they are
        if isinstance(config.get(name), str):
            config[name] = escape.html_attribute(config[name])
    config["nav"] = nav
    config["docs_dir"], config["site_dir"] = folders
    if site_url:
        config["site_url"] = site_url
    if engine == "zensical":
        config["plugins"] = {"search": {"enabled": False}}  # Pagefind is the site's search
    return config


def write_config(project: Path, engine: str, config: dict[str, Any]) -> Path:
    """Write an engine's configuration (the same bytes for the same configuration)."""
    path = config_path(project, engine)
    header = "# Written by scripts/build_pages.py from mkdocs.yml for one build; edit mkdocs.yml, not this file.\n"
    path.write_text(header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def command(project: Path, engine: str, config: Path) -> list[str]:
    """The command that runs an engine on a configuration, failing on any warning."""
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    return [zensical_program(project), "build", "--strict", "--config-file", str(config)]


def zensical_program(project: Path) -> str:
    """Zensical's program: PLANSITE_ZENSICAL if set, else the project's own venv for it
    (`make zensical-setup`), else one on the PATH."""
    for candidate in (os.environ.get("PLANSITE_ZENSICAL"), project / ".venv-zensical" / "bin" / "zensical",
                      shutil.which("zensical")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    raise EngineError("Zensical is not installed: run `make zensical-setup` (it makes .venv-zensical/),"
                      " or set PLANSITE_ZENSICAL to its program")


def run(project: Path, engine: str, config: Path, site: Path) -> Run:
    """Run an engine; raise EngineError with what it printed when it fails."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}'; use one of: {', '.join(ENGINES)}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's notice; the README explains the plan
    try:
        done = subprocess.run(command(project, engine, config), cwd=project, capture_output=True, text=True,
                              env=env)
    except OSError as err:
        raise EngineError(f"{engine} could not be started: {err}") from None
    if done.returncode != 0:
        printed = "\n".join(part.strip() for part in (done.stdout, done.stderr) if part.strip())
        raise EngineError(f"{engine} failed (exit code {done.returncode}):\n{printed}")
    for name in LEFT_BEHIND[engine]:
        (site / name).unlink(missing_ok=True)
    return Run(engine, config, site)
