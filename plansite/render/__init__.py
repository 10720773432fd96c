"""Stage 4, render: the pages of the site from the Jinja templates (templates/), with navigation and
charts; nothing is written here. Imports derive and the stages below."""
