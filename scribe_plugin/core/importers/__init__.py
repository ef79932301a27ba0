"""Partner file import: read -> map (profile) -> validate -> load, one transaction per file.

``engine.run_import`` is the entry point; ``profiles`` holds the declarative mappings
(police.uk, fire and rescue, council ASB, generic) and their auto-detection; ``readers`` opens
CSV/TSV, Excel and spatial files as chunks of rows; ``dates`` and ``coords`` turn cells into
instants and British National Grid points; ``mapping`` applies a profile to a chunk and says,
per rejected row, which column was wrong and why.
"""
