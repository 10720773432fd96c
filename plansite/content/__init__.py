"""Stage 1, content: read the editors' files (from the working copy or from git objects), load YAML and
trackers with their line numbers, and validate them against the schema. Imports only core."""
