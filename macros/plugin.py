"""The MkDocs plugin `skoleplan`: the handbook's pages, its navigation and its checks, from the core.

What it does, event by event:

- `on_config`: takes the build's context (`use`, from `skoleplan build`), or reads
  the plan itself (plain `mkdocs build` or `mkdocs serve`); names the site after
  the school and hands the theme what it shows on every page.
- `on_files`: adds every page of the page registry (`skoleplan/site.py`) as a
  generated page, rendered by the core, and the school's own pages in `docs/`
  (`side.nb.md` / `side.nn.md` for one page in two written standards); sets the
  navigation.
- `on_page_content`: the page's HTML through the sanitizer; an id that stands
  twice on the page stops the build; then glossary terms linked where they stand
  (our links, added after the sanitizer); warns when a page reads as the other
  written standard.
- `on_env`: the `css_string` filter for the theme's print header.
- `on_post_build`: the search words (`data/sok.yaml`), markup fixes for Material,
  the whole plan on its printable page (and as PDF when the build asks for it),
  and, when MkDocs runs alone, the calendar feeds.
"""

from __future__ import annotations

import difflib
import logging
import re
from pathlib import Path

import jinja2
import jinja2.meta
from markupsafe import Markup, escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from skoleplan.context import BuildContext
from skoleplan.errors import PlanError
from skoleplan.render.escape import css_string
from skoleplan.render.glossary import TermLinker, linker_for
from skoleplan.render.handbook import Handbook
from skoleplan.render.pages import RenderError
from skoleplan.render.pdf import PdfError, finish_whole_plan, print_header
from skoleplan.render.sanitize import duplicate_ids, safe_html
from skoleplan.render.template_cache import theme_environment
from skoleplan.render.written_standard import check_html, other_forms
from skoleplan.site import OwnPageError, own_page_in_edition, own_page_path
from skoleplan.search import word_problems, write_index_words
from skoleplan.translate.status import unreviewed

from .config import SkoleplanConfig

log = logging.getLogger("mkdocs.plugins.skoleplan")

# Generated pages are the core's Markdown, not templates for mkdocs-macros: text from the data is never run.
GENERATED_FRONT_MATTER = "---\nrender_macros: false\n---\n"


class SkoleplanPlugin(BasePlugin[SkoleplanConfig]):
    def __init__(self) -> None:
        self.context: BuildContext | None = None
        self.handbook: Handbook | None = None
        self.linker: TermLinker | None = None
        self._macro_errors: dict[str, list[str]] = {}  # page → its macro mistakes, «docs/x.md:12: …»
        self._body_offset: dict[str, int] = {}  # page → lines of front matter above the Markdown mkdocs-macros reads

    def use(self, context: BuildContext) -> None:
        """Build this context (the plan already read by `skoleplan build`) instead of reading the data again."""
        self.context = context

    # --- events, in the order MkDocs calls them ---------------------------------------------------

    @event_priority(100)  # before Material's search plugin asks the theme for its first Jinja environment
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        lang = config.theme["language"]
        if self.context is None:
            self.context = self._read_plan(config, lang)
        elif self.context.lang != lang:  # pragma: no cover - a caller's mistake
            raise PluginError(f"konfigurasjonen er for {lang}, men byggingen gjelder {self.context.lang}")
        context = self.context
        _theme_environment(config, context.cache_dir)
        self.handbook = Handbook(context)
        self.linker = linker_for(context)
        waiting = unreviewed(context.plan).describe(lang)
        if waiting:  # a warning, which `--strict` turns into a failure
            standard = "bokmål" if lang == "nb" else "nynorsk"
            log.warning(f"teksten på {standard} har {waiting} som ingen har godkjent (se «make status»)")
        # Material prints the site's name unescaped in some places and with `| e` in others: escaped once, as Markup.
        config.site_name = Markup(escape(self.handbook.site_name))
        config.site_url = context.site_url
        extra = config.extra
        extra["edition"] = context.edition
        extra["norwegian_search"] = self.config.norwegian_search
        extra["site_root"] = context.root_url  # above both written standards: sitemap.xml's hreflang alternates
        extra["accessibility"] = self.handbook.accessibility_footer()  # partials/copyright.html
        extra["print_header"] = print_header(context.edition_plan, lang)  # main.html: the plan on every printed page
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None and self.context is not None
        own = _school_pages(files, config, self.context.lang, self.context.edition)
        try:
            pages = self.handbook.pages()
        except RenderError as exc:
            raise PluginError(str(exc)) from None
        generated = {page.path for page in pages}
        for notice in self.handbook.notices():
            log.warning(notice)
        for page in pages:
            if page.path in own:
                raise PluginError(
                    f"docs/{page.path}: siden finnes allerede i håndboken (den lages fra datafilene); gi siden et annet navn"
                )
            if page.empty:
                edition = "den åpne utgaven" if self.context.edition == "public" else "personalets utgave"
                log.warning(f"{page.path}: siden har ikke noe innhold i {edition}")
            files.append(File.generated(config, page.path, content=GENERATED_FRONT_MATTER + page.markdown))
        for figure in self.handbook.figures():  # an image a chapter shows: from the data folder, at the same path
            if figure in own or files.get_file_from_path(figure) is not None:
                raise PluginError(f"{figure}: et bilde i datamappen har samme navn som en fil i docs/; gi det et annet navn")
            files.append(File.generated(config, figure, abs_src_path=str(self.context.layer_file(figure))))
        nav = [{title: paths} if title else paths[0] for title, paths in self.handbook.nav()]
        nav += sorted(path for path in own if path not in generated)
        config.nav = nav
        return files

    @event_priority(100)  # before mkdocs-macros renders the page
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """A school's page: Jinja mistakes and unknown macros as Norwegian messages, before mkdocs-macros sees them."""
        # The theme prints a page's front matter (title, description) unescaped: escaped once, as Markup.
        page.meta = {k: Markup(escape(v)) if isinstance(v, str) else v for k, v in page.meta.items()}
        if page.meta.get("render_macros") is False or "macros" not in config.plugins:
            return markdown
        source = page.file.content_string
        offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        self._body_offset[page.file.src_uri] = offset
        problem = check_macros(markdown, config.plugins["macros"])
        if problem is not None:
            line, message = problem
            raise PluginError(f"{_shown(page, self.context)}:{line + offset}: {message}")
        return markdown

    def macro_failed(self, page, frame, message: str) -> None:
        """A macro on `page` was called wrongly (macros/main.py); the build fails after the page is rendered."""
        line = template_line(frame)
        where = f":{line + self._body_offset.get(page.file.src_uri, 0)}" if line else ""
        self._macro_errors.setdefault(page.file.src_uri, []).append(f"{_shown(page, self.context)}{where}: {message}")

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        errors = self._macro_errors.pop(page.file.src_uri, [])
        if errors:
            raise PluginError("\n".join(errors))
        html = safe_html(html)  # nothing from the data runs or loads in a reader's browser
        twice = duplicate_ids(html)
        if twice:  # a link to either would find the first; a screen reader's labels would be wrong
            raise PluginError(
                f"{_shown(page, self.context)}: {', '.join(f'«{i}»' for i in twice)} står to ganger som id på siden; "
                "en id i datafilene kan ikke være lik en overskrift eller en annen id på samme side "
                "(for eksempel en aktivitet med id «september» på årshjul-siden); gi elementet en annen id"
            )
        html = self.linker.link(html, page.file.src_uri)  # words explained where they stand (render/glossary.py)
        verdict = check_html(html, config.theme["language"])
        if not verdict.ok:
            log.warning(f"{page.file.src_uri}: {verdict.describe()}")
        forms = self.context.plan.school.school.nynorsk_forms
        if config.theme["language"] == "nn" and forms:
            for word, count in sorted(other_forms(html, forms).items()):
                log.warning(
                    f"{page.file.src_uri}: «{word}» står {count} {'gang' if count == 1 else 'ganger'} på nynorsk; "
                    f"skolen skriver {' og '.join(f'«{f}»' for f in forms)} (nynorsk_forms i skole.yaml)"
                )
        return html

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The theme's templates may write a text as a CSS string (main.html's print header on every page)."""
        env.filters["css_string"] = css_string
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Under `mkdocs serve`, an edit of a data file rebuilds the site too."""
        if self.context is not None:
            server.watch(str(self.context.data_dir))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.context is not None
        site_dir = Path(config.site_dir)
        valid_markup(site_dir)
        try:  # into the site being built (a staging folder under `skoleplan build`): published with it or not at all
            finish_whole_plan(site_dir, self.context)
        except (PdfError, ValueError, OSError) as exc:
            raise PluginError(f"hele planen (utskrift og PDF) kunne ikke lages: {exc}") from None
        plan = self.context.plan
        if self.config.norwegian_search:
            for problem in word_problems(plan.search):
                log.warning(problem)
            write_index_words(site_dir, plan.search, self.context.lang)
        if self.context.writes_feeds:
            _write_feeds(self.context, site_dir)

    # --- helpers ---------------------------------------------------------------------------------

    def _read_plan(self, config: MkDocsConfig, lang: str) -> BuildContext:
        """The context when MkDocs runs alone (`mkdocs serve`): the plan read from the plugin's `data_dir`."""
        project = Path(config.config_file_path).parent
        try:
            return BuildContext.read(project, project / self.config.data_dir, self.config.edition, lang)
        except PlanError as exc:
            raise PluginError("Feil i datafilene:\n" + exc.report()) from None


def _school_pages(files: Files, config: MkDocsConfig, lang: str, edition: str) -> set[str]:
    """The school's own pages in docs/ for this written standard («side.nb.md» is «side.md» on the Bokmål site)
    and this edition (`visibility: internal` in the front matter: the staff edition only)."""
    own: set[str] = set()
    for file in list(files.documentation_pages()):
        path = own_page_path(file.src_uri, lang)
        try:
            shown = path is None or own_page_in_edition(Path(file.abs_src_path), edition)
        except OwnPageError as exc:
            raise PluginError(f"docs/{file.src_uri}: {exc}") from None
        if not shown:
            files.remove(file)
            continue
        if path != file.src_uri:
            files.remove(file)
            if path is not None:
                files.append(File.generated(config, path, abs_src_path=file.abs_src_path))
        if path is not None:
            own.add(path)
    return own


def _theme_environment(config: MkDocsConfig, directory: Path) -> None:
    """Material's templates compiled once and kept, and listed without Material's 14,348 icons
    (`skoleplan/render/template_cache.py`).

    MkDocs makes a new Jinja environment for every build; compiling Material's
    templates again was a fifth of a build (`make bench`: 1.45 → 1.18 s).
    """
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        return theme_environment(make_env(), directory)

    theme.get_env = get_env


def _shown(page, context: BuildContext | None) -> str:
    """A page's file as the person editing it knows it: «docs/for-ansatte.nb.md»."""
    path = Path(page.file.abs_src_path or page.file.src_uri)
    try:
        return path.relative_to(context.project).as_posix() if context else path.as_posix()
    except ValueError:
        return path.as_posix()


def template_line(frame) -> int | None:
    """The line of the page template being rendered, from the Python frames of a macro call."""
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


def check_macros(markdown: str, macros_plugin) -> tuple[int, str] | None:
    """The first Jinja mistake in a page, as (line in the Markdown, Norwegian message), or None."""
    env = macros_plugin.env
    try:
        tree = env.parse(markdown)
    except jinja2.TemplateSyntaxError as exc:
        return exc.lineno, f"feil i makrokallet: {exc.message}; et makrokall skrives for eksempel {{{{ aarshjul(maaned=\"oktober\") }}}}"
    known = set(env.globals) | set(macros_plugin.variables) | set(macros_plugin.macros) | {"page"}
    for name in sorted(jinja2.meta.find_undeclared_variables(tree) - known):
        line = next((i for i, text in enumerate(markdown.splitlines(), 1) if re.search(rf"\b{re.escape(name)}\b", text)), 1)
        close = difflib.get_close_matches(name, sorted(macros_plugin.macros), n=1, cutoff=0.6)
        hint = f"; mente du «{close[0]}»?" if close else f"; makroene er: {', '.join(sorted(macros_plugin.macros))}"
        return line, f"ukjent makro «{name}»{hint}"
    return None


def _write_feeds(context: BuildContext, site_dir: Path) -> None:
    """This language's feeds into its site, without a calendar lock (when MkDocs runs alone)."""
    from skoleplan.render.ical import render_feeds

    for relative, content in render_feeds(context.edition_plan, context.lang, context.root_url).items():
        path = site_dir / relative.removeprefix(f"{context.lang}/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


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


__all__ = ["SkoleplanPlugin", "valid_markup"]
