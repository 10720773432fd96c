"""sitemap.xml: every page of the built site at its canonical address, so search engines find each
promise. MkDocs writes one too, but stamps it with the build's date; this one is the same for the
same site, and leaves out the old addresses that only redirect."""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

SKIPPED = {"404.html"}


def write(site: Path, base: str, redirects: set[str]) -> int:
    """Write site/sitemap.xml and sitemap.xml.gz for the site at `base` (ending in /); the page count."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    addresses = [base + page[: -len("index.html")] for page in pages
                 if page not in SKIPPED and page not in redirects]
    body = "".join(f"  <url><loc>{escape(a)}</loc></url>\n" for a in addresses)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                                  filename="") as packed:
        packed.write(xml.encode("utf-8"))
    return len(addresses)
