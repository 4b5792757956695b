"""The MkDocs glue: everything that knows MkDocs, kept thin so that the core (`skoleplan/`) does not.

- `plugin.py`: the MkDocs plugin `skoleplan` (the handbook's pages, navigation and checks).
- `config.py`: its options.
- `mkdocs_site.py`: one MkDocs build of one site, as `skoleplan build` runs it.
- `main.py`: the macros a school uses in its own pages in `docs/` (mkdocs-macros).
Moving to another site generator means replacing this folder and the MkDocs configurations.
"""
