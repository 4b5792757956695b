"""MkDocs hooks: what the glue needs from MkDocs besides the two macros (macros/main.py).

- Material's compiled templates are kept between builds (skoleplan/render/template_cache.py):
  MkDocs makes a new Jinja environment for every build and every `mkdocs serve`
  rebuild; without this, Material's templates were compiled again each time.
- A page built as Nynorsk must read as Nynorsk (and Bokmål as Bokmål): judged on
  the HTML MkDocs has just made of the page, so no page is converted twice.
"""

import logging

from skoleplan.render.template_cache import use_bytecode_cache
from skoleplan.render.written_standard import check_html

log = logging.getLogger("mkdocs.plugins.skoleplan")


def on_env(env, config, files):
    return use_bytecode_cache(env)


def on_page_content(html, page, config, files):
    """A warning (which fails `--strict`) when the page reads as the other written standard."""
    verdict = check_html(html, config["theme"]["language"])
    if not verdict.ok:
        log.warning(f"{page.file.src_uri}: {verdict.describe()}")
    return html
