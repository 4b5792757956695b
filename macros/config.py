"""The options of the `skoleplan` MkDocs plugin (mkdocs.yml, `plugins: - skoleplan:`)."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class SkoleplanConfig(base.Config):
    # The folder with the school's data files, relative to the configuration file.
    data_dir = c.Type(str, default="data")
    # public: the site for parents and pupils (site/); staff: the intranet edition (site-intern/).
    edition = c.Choice(("public", "staff"), default="public")
    # The search that understands Norwegian (skoleplan/search.py); false: Material's own search, to compare.
    norwegian_search = c.Type(bool, default=True)
