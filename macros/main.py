"""MkDocs glue (mkdocs-macros): page stubs in docs/ call these macros; the core does the work.

Kept thin on purpose: Material for MkDocs reaches end of life in 2027, and
everything here is a call into `skoleplan`, which knows nothing of MkDocs.
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from pathspec.gitignore import GitIgnoreSpec

from skoleplan.errors import PlanError
from skoleplan.render.pages import RenderError
from skoleplan.site import Handbook, is_empty
from skoleplan.translate.status import unreviewed

log = logging.getLogger("mkdocs.plugins.skoleplan")

# A page's rendering error, raised after mkdocs-macros has finished the page:
# raised inside a macro, mkdocs-macros would print its own traceback instead.
_failed: list[str] = []


def define_env(env):
    config = env.conf
    extra = config["extra"]
    project = Path(env.project_dir)
    try:
        handbook = Handbook(
            project, config["theme"]["language"], project / extra.get("data_dir", "data"), extra.get("edition", "public")
        )
    except PlanError as exc:
        raise PluginError("Feil i datafilene:\n" + exc.report()) from None
    # Machine drafts and stale translations: a warning, which `mkdocs build --strict` turns into a failure.
    waiting = unreviewed(handbook.plan).describe(handbook.lang)
    if waiting:
        standard = "bokmål" if handbook.lang == "nb" else "nynorsk"
        log.warning(f"teksten på {standard} har {waiting} som ingen har godkjent (se «make status»)")

    config["site_name"] = handbook.site_name
    if handbook.site_url():
        config["site_url"] = handbook.site_url()
    # The address above both written standards, for <link rel="alternate" hreflang>.
    extra["site_root"] = (config["site_url"] or "").rstrip("/").rsplit("/", 1)[0] + "/"
    config["nav"] = handbook.nav()
    hidden = handbook.hidden_pages()
    if hidden:
        config["exclude_docs"] = GitIgnoreSpec.from_lines(["/" + path for path in hidden])

    def _render(make, *args) -> str:
        page_path = env.page.file.src_uri
        try:
            markdown = make(*args, page_path)
        except RenderError as exc:
            _failed.append(f"{page_path}: {exc}")
            return ""
        if is_empty(markdown):
            log.warning(f"{page_path}: siden har ikke noe innhold i denne utgaven ({handbook.edition})")
        return markdown

    @env.macro
    def plan_page(name: str) -> str:
        """The whole content of one page of the plan, from data/ through overrides/pages/<name>.md.j2."""
        return _render(handbook.page, name)

    @env.macro
    def duty_page(kind: str) -> str:
        """The page of one sub-duty of the duty to act."""
        return _render(handbook.duty_page, kind)


def on_post_build(env):
    """Calendar feeds for `mkdocs serve` and a plain `mkdocs build`; `skoleplan build` writes its own."""
    import os

    if os.environ.get("SKOLEPLAN_FEEDS", "1") != "0":
        config = env.conf
        extra = config["extra"]
        project = Path(env.project_dir)
        handbook = Handbook(
            project, config["theme"]["language"], project / extra.get("data_dir", "data"), extra.get("edition", "public")
        )
        handbook.write_feeds(Path(config["site_dir"]))


def on_post_page_macros(env):
    if _failed:
        message = _failed.pop()
        _failed.clear()
        raise PluginError(message)
