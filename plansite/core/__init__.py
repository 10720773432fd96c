"""What every stage uses: the problem type, dates, escaping for each context, restricted Markdown,
the status words and web addresses. Imports nothing else of plansite."""
