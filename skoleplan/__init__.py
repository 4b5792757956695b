"""Turn a school's plan for a safe and good school environment into a handbook site and calendar feeds.

The stages, each its own module, run one way: `source` (YAML with positions)
→ `validate` (typed model in `model`) → `resolve` (text for one language,
dates for one school year) → `render` (pages and feeds) → files.
"""
