"""The benchmark cannot rot: a quick run of it (the real content at 1x, one save in the preview)
goes through the same entry points users run and must produce every figure of its table."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import PROJECT


def test_a_quick_benchmark_runs_to_the_end_and_reports_every_figure() -> None:
    done = subprocess.run([sys.executable, "bench/run.py", "--quick"], cwd=PROJECT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("| 1x |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "5" and int(cells[2].replace(",", "")) > 400  # plans, HTML pages
    for cell in cells[3:6]:  # make check, make build, per page
        assert re.fullmatch(r"\d+\.\d (?:s|ms)", cell), cell
    preview = re.match(r"\d+\.\d\d s \(.*1 save, 1 rebuild per save, (\d+) of ([\d,]+) pages rendered again per save\)",
                       cells[9])
    assert preview, cells[9]
    rendered, pages = int(preview[1]), int(preview[2].replace(",", ""))
    assert 0 < rendered < 0.05 * pages  # the save renders only the pages it affects
    assert "Measured on " in done.stdout
