"""Stage 6, preview: the editors' live preview under `mkdocs serve` or `zensical serve`, rebuilding on
save and showing content problems on the page. Imports publish and below."""
