"""Stage 3, derive: what the site works out from the content: statuses, summaries, the record of
changes along the published history and the reasons they need. Imports model, content and core."""
