"""Stage 2, model: resolve the checked content into one index of items, with each item's address, title
and cross-references, and the pages the site will have. Imports content and core."""
