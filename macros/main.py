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
from skoleplan.render.pdf import print_header
from skoleplan.search import word_problems, write_index_words
from skoleplan.site import Handbook, cached_plan, is_empty
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
    # The address above both written standards, for the hreflang alternates in sitemap.xml.
    extra["site_root"] = (config["site_url"] or "").rstrip("/").rsplit("/", 1)[0] + "/"
    config["nav"] = handbook.nav()
    extra["accessibility"] = handbook.accessibility_footer()  # partials/copyright.html
    extra["print_header"] = print_header(handbook.plan, handbook.lang)  # main.html: the plan on every printed page
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


# Markup of Material 9.8 that the Nu Html Checker rejects, in base.html and nav-item.html outside any
# block a theme override could replace: autocomplete on a checkbox, an empty tabindex.
_INVALID_MARKUP = (
    ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"'),
    ('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"'),
    (' tabindex=""', ""),
)


def valid_markup(site_dir: Path) -> None:
    """Put Material's invalid markup right in every built page (and a toc label pointing at no toggle)."""
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        fixed = html
        for old, new in _INVALID_MARKUP:
            fixed = fixed.replace(old, new)
        if 'id="__toc"' not in fixed:  # a section's index page has no toc toggle for the label to point at
            fixed = fixed.replace(' for="__toc"', "")
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")


def on_post_build(env):
    """Valid markup; calendar feeds for `mkdocs serve` and a plain `mkdocs build` (`skoleplan build` writes its own)."""
    import os

    valid_markup(Path(env.conf["site_dir"]))
    search_words(env)
    whole_plan(env)
    if os.environ.get("SKOLEPLAN_FEEDS", "1") != "0":
        config = env.conf
        extra = config["extra"]
        project = Path(env.project_dir)
        handbook = Handbook(
            project, config["theme"]["language"], project / extra.get("data_dir", "data"), extra.get("edition", "public")
        )
        handbook.write_feeds(Path(config["site_dir"]))


def whole_plan(env) -> None:
    """The printable page of the whole plan filled in, and its PDF when the build makes one (skoleplan/render/pdf.py)."""
    from skoleplan.render.pdf import PdfError, finish_whole_plan

    config = env.conf
    extra = config["extra"]
    project = Path(env.project_dir)
    handbook = Handbook(
        project, config["theme"]["language"], project / extra.get("data_dir", "data"), extra.get("edition", "public")
    )
    try:
        finish_whole_plan(Path(config["site_dir"]), handbook)
    except (PdfError, ValueError, OSError) as exc:
        raise PluginError(f"hele planen (utskrift og PDF) kunne ikke lages: {exc}") from None


def search_words(env) -> None:
    """The school's search words (data/sok.yaml) into this language's search index (skoleplan/search.py)."""
    config = env.conf
    if not config["extra"].get("norwegian_search"):
        return
    plan = cached_plan(Path(env.project_dir) / config["extra"].get("data_dir", "data"))
    for problem in word_problems(plan.search):
        log.warning(problem)
    write_index_words(Path(config["site_dir"]), plan.search, config["theme"]["language"])


def on_post_page_macros(env):
    if _failed:
        message = _failed.pop()
        _failed.clear()
        raise PluginError(message)
