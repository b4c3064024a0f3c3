"""The pure model: services, documents, kinds, names and renames, lookup, merging, URLs,
problems, coverage, comparison and dates. Nothing here reads files or imports Sphinx."""
