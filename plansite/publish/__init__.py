"""Stage 5, publish: the whole build (build.py), writing docs/, the engines, data files, feed, search,
sitemap and the output check. Imports every stage below."""
