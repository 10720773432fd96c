"""A bigger copy of the real content for the benchmark: the real plans replicated under new ids.

Copy k of every plan gets the ids '<plan-id>-r<k>' in all of its files, so its references (which
plan it replaces, what it looks back on) stay within copy k and the shape of the content stays
real. Copies are archived, so they sit on the plans page like a council's older plans do.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path


def replicate(content: Path, target: Path, scale: int) -> Path:
    """content/ copied to target with every plan present `scale` times; returns target."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target)
    plans = sorted(p.name for p in (content / "plans").iterdir() if p.is_dir())
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in plans) + r")(?![\w-])")
    for k in range(2, scale + 1):
        for plan in plans:
            copy = target / "plans" / f"{plan}-r{k}"
            shutil.copytree(content / "plans" / plan, copy)
            for path in sorted(copy.rglob("*.yml")):
                text = pattern.sub(lambda m, k=k: f"{m.group(1)}-r{k}", path.read_text(encoding="utf-8"))
                if path.name == "plan.yml":
                    text = re.sub(r"(?m)^status: \w+$", "status: archived", text)
                    # plans must be named apart: each copy's title and short title say which copy it is
                    text = re.sub(r"(?m)^((?:short_)?title: )([\"']?)(.+?)\2$", rf"\1\2\3 (copy {k})\2", text)
                path.write_text(text, encoding="utf-8")
    return target
