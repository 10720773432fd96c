"""The preview's side of the build: after each save, generate the pages again, and when the content
has problems keep the last good pages and put the problems at the top of each of them, where an
editor looks. The problems go into the pages themselves, so every engine's preview shows them
(MkDocs' `mkdocs serve`, Zensical's `zensical serve`), with no hook."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from plansite.core.problems import ContentError
from plansite.publish.build import Paths, Result, build
from plansite.publish.write import generated, write_pages
from plansite.render.incremental import Incremental
from plansite.render.templating import environment

BANNER_CLASS = "content-problems"
"""The class of the banner that lists content problems in the preview."""



@dataclass
class Refresh:
    """What one regeneration did: the result when the content was good, else its problems."""

    result: Result | None
    problems: list[str] = field(default_factory=list)


class Previewer:
    """Regenerates docs/ for a preview, one save at a time, remembering the last good pages."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.last_good: dict[str, str] | None = None
        self.last_result: Result | None = None
        # Compiled once for the whole preview: each save renders with them (a template whose file
        # changed is compiled again).
        self.templates = environment()
        # The pages of the earlier saves and what each read: a save renders only what it affects.
        self.kept = Incremental()

    def refresh(self) -> Refresh:
        """Generate the pages again; on content problems, show them over the last good pages."""
        try:
            # The preview's threads must not be forked; a change that needs a reason is shown on its
            # page with the reason publishing will need, not refused.
            result = build(self.paths, workers=1, preview=True, templates=self.templates, kept=self.kept)
        except ContentError as err:
            return self._show([str(p) for p in err.problems], err.report())
        except Exception as err:  # noqa: BLE001 - a fault in the build itself: keep the last good pages
            fault = (f"internal error: the build stopped unexpectedly ({type(err).__name__}: {err}); this is a"
                     " fault in the build, not in the content: please report it")
            return self._show([fault], "")
        self.last_good, self.last_result = result.pages, result
        return Refresh(result)

    def _show(self, problems: list[str], report: str) -> Refresh:
        write_pages(self.paths.docs, with_banner(self._last_good_pages(), problems, report))
        return Refresh(None, problems)

    def _last_good_pages(self) -> dict[str, str]:
        # In memory after a good build; at the start of a preview, the pages on disk.
        if self.last_good is not None:
            return self.last_good
        docs = self.paths.docs
        return {rel: without_banner((docs / rel).read_text(encoding="utf-8")) for rel in sorted(generated(docs))
                if (docs / rel).is_file()}


_BEGIN, _END = "\n<!-- the content problems -->\n\n", "\n<!-- end of the content problems -->\n"
"""Around the banner in a page, so that it can be taken out again exactly."""


def with_banner(pages: dict[str, str], problems: list[str], report: str) -> dict[str, str]:
    """Every Markdown page with the problems at its top (other files as they are)."""
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    count = report.splitlines()[-1].split(";")[0] + "." if report else ""
    banner = (f'{_BEGIN}<div class="admonition failure {BANNER_CLASS}" role="alert">\n'
              '<p class="admonition-title">The content has problems; this preview shows the last good version</p>\n'
              f"<ul>{items}</ul>\n<p>{html.escape(count)}</p>\n</div>\n{_END}")
    return {rel: _insert(text, banner) if rel.endswith(".md") and not rel.startswith("includes/") else text
            for rel, text in pages.items()}


def _insert(page: str, banner: str) -> str:
    # After the front matter (between the first two '---' lines), where the page's text begins.
    if page.startswith("---\n"):
        end = page.find("\n---\n", 3)
        if end != -1:
            return page[: end + 5] + banner + page[end + 5:]
    return banner + page


def without_banner(page: str) -> str:
    """A page as it was before a banner was put on it."""
    start, end = page.find(_BEGIN), page.find(_END)
    return page if start == -1 or end < start else page[:start] + page[end + len(_END):]
