"""What a reader's browser downloads: pages served as a static host does (gzip), opened in Debian's
chromium with an empty cache, every request counted with the bytes it took on the wire."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-domain-reliability"]
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".pf_meta", ".pf_index",
              ".pf_fragment", ".pagefind", ".wasm")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped when the browser accepts it, as static hosts (GitHub Pages, S3+CDN) do."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 - http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not path.name.endswith(COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on localhost, gzipped like a real static host."""
    handler = functools.partial(_GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Visit:
    """What one page's first visit (empty cache) downloaded."""

    page: str
    requests: int
    transferred: int
    """Bytes on the wire (gzipped bodies and headers)."""
    search_files: list[str]
    """Requests for search data (the index, its chunks, its code) made before any search."""
    on_search: int = 0
    """Bytes downloaded when the reader then opens the search page and searches, and requests."""
    on_search_requests: int = 0


def first_visits(site: Path, pages: list[str], query: str = "care leaver") -> list[Visit]:
    """Open each page with an empty cache; then search on it, counting what the search downloads."""
    visits = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for page_path in pages:
            context = browser.new_context()
            page = context.new_page()
            seen: list = []
            page.on("requestfinished", lambda r, seen=seen: seen.append(r))
            page.goto(f"{base}/{page_path}")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)  # anything fetched lazily after load counts too
            loaded = list(seen)
            visit = Visit(page_path, len(loaded), sum(_bytes(r) for r in loaded),
                          [r.url.replace(base, "") for r in loaded if _is_search(r.url)])
            seen.clear()
            _search(page, query)
            visit.on_search = sum(_bytes(r) for r in seen)
            visit.on_search_requests = len(seen)
            visits.append(visit)
            context.close()
        browser.close()
    return visits


def _bytes(request) -> int:
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def _is_search(url: str) -> bool:
    return "search" in url.rsplit("/", 1)[-1] or "/pagefind/" in url or "/search/" in url


def _search(page, query: str) -> None:
    # As a reader does: the search button in the header, then the query on the search page.
    page.click(".site-search-link")
    page.wait_for_load_state("load")
    page.fill("#site-search-q", query)
    page.wait_for_selector("#site-search-results li", timeout=60000)
    page.wait_for_load_state("networkidle")
