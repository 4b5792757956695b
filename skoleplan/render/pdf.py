"""The whole plan on paper: a PDF per written standard and edition, and the line every printed page carries.

WeasyPrint lays the document out (render/whole_plan.py's chapters in the
template `overrides/pages/hele-planen.pdf.html.j2`, with its own print
stylesheet): A4, the school, plan version and approval date at the top of
every page, the address and page number at the bottom, a table of contents
with page numbers, bookmarks from the headings, the language in the PDF's
catalogue and a tagged structure for screen readers. Nothing is fetched: the
document has its styles and drawings inline, and any other address is
refused. The same input gives the same bytes (fixed dates and identifier).

The PDF is an opt-in step (`skoleplan build --pdf`, `make pdf`): laying out
the plan costs about ten times a build, and WeasyPrint (with Debian's Pango)
is needed only for it, not to check, build or preview a plan.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from ..model import Plan
from ..model.base import Lang
from ..resolve.text import format_day, words
from .escape import css_string
from .whole_plan import Chapter

if TYPE_CHECKING:
    from ..context import BuildContext

TEMPLATE = "hele-planen.pdf.html.j2"


class PdfError(Exception):
    """The PDF could not be made; the message says why, in Norwegian."""


def pdf_name(lang: Lang) -> str:
    """The PDF's file name in `hele-planen/` of a language site."""
    return f"skolemiljoplan-{lang}.pdf"


def print_header(plan: Plan, lang: Lang) -> dict[str, str]:
    """What every printed page says about the plan: school, version and approval («Versjon 2025.1, vedtatt …»),
    as much of it as the plan says (version and approval may be left out)."""
    labels = words(lang)["labels"]["whole_plan"]
    meta = plan.school.plan
    approved = format_day(meta.approved, lang) if meta.approved else ""
    if meta.version and approved:
        version = labels["version"].format(version=meta.version, approved=approved)
    elif meta.version:
        version = labels["version_only"].format(version=meta.version)
    elif approved:
        version = labels["approved_only"].format(approved=approved)
    else:
        version = ""
    return {"school": plan.school.school.name[lang], "plan": labels["title"], "version": version}


def check_weasyprint() -> None:
    """PdfError, in Norwegian, when WeasyPrint or the system libraries it lays text out with are missing."""
    try:
        importlib.import_module("weasyprint")  # Pango is loaded when it is imported
    except ImportError:
        raise PdfError("PDF-en lages med WeasyPrint, som ikke er installert; kjør «make pdf» (den installerer det)") from None
    except OSError:  # WeasyPrint is there, but not Pango (a Debian package); its own message is long and English
        raise PdfError("PDF-en lages med WeasyPrint, som trenger Debian-pakken Pango (libpango-1.0-0); "
                       "kjør «make pango» (den installerer den)") from None


def _refusing_fetcher(asked: list[str]) -> Any:
    """WeasyPrint's fetcher: the document needs nothing from anywhere, so every request stops the PDF."""
    from weasyprint.urls import URLFetcher

    class Refuse(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            asked.append(url)
            raise PdfError(f"PDF-en skal ikke hente noe, men ba om {url}")

    return Refuse(fail_on_errors=True)


def document(context: BuildContext, chapters: list[Chapter]) -> str:
    """The whole plan of one site (an edition in a written standard) as one HTML document for WeasyPrint."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(context.templates)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["css"] = lambda text: Markup(css_string(text))  # raw text: HTML escapes would show
    lang = context.lang
    plan = context.edition_plan
    labels = words(lang)["labels"]
    meta = plan.school.plan
    roles = {role.id: role.name[lang] for role in plan.roles.roles}
    approved_by = roles.get(meta.approved_by, "") if meta.approved_by else ""
    return env.get_template(TEMPLATE).render(
        lang=lang,
        chapters=chapters,
        header=print_header(plan, lang),
        words=labels["whole_plan"],
        about=labels["about"],
        meta=meta,
        approved=format_day(meta.approved, lang) if meta.approved else "",
        approved_by=approved_by[:1].upper() + approved_by[1:],
        next_revision=format_day(meta.next_revision, lang) if meta.next_revision else "",
        address=context.site_url,
        staff=context.edition == "staff",
        staff_note=labels["whole_plan"]["staff"],
        created=(meta.approved or context.today).isoformat(),
        modified=context.today.isoformat(),
    )


def write_pdf(html: str, target: Path, epoch: int) -> None:
    """Lay out `html` with WeasyPrint into `target` (tagged, bookmarks, the document's language); `epoch`: the
    build's time (BuildContext.epoch), the only time the file may carry."""
    check_weasyprint()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    asked: list[str] = []
    try:
        with _source_date(epoch):
            made = HTML(string=html, url_fetcher=_refusing_fetcher(asked)).write_pdf(pdf_identifier=identifier, pdf_tags=True)
    except FatalURLFetchingError:
        raise PdfError(f"PDF-en skal ikke hente noe, men ba om {', '.join(sorted(set(asked)))}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(made)


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """Where WeasyPrint subsets a font with fontTools (no HarfBuzz subsetter on the system), fontTools stamps the
    subset with the clock unless SOURCE_DATE_EPOCH names a time: the same plan gave a PDF of other bytes."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def finish_whole_plan(site_dir: Path, context: BuildContext) -> None:
    """After the site generator has built a language site (`site_dir` is its folder): the printable page
    filled in, and the PDF when the build makes it (`context.pdf`), both inside the site being built."""
    from ..site import page_paths
    from .whole_plan import WHOLE_PLAN_PAGE, chapters, demoted, fill_printable_page

    sources = page_paths(context.edition_plan)
    if WHOLE_PLAN_PAGE not in sources:
        return
    found = chapters(site_dir, sources, context.site_url)
    fill_printable_page(site_dir, "\n".join(
        f'<section class="sp-chapter" id="{c.anchor}">\n{demoted(c.html)}\n</section>' for c in found
    ))
    if context.pdf:
        write_pdf(document(context, found), site_dir / "hele-planen" / pdf_name(context.lang), context.epoch)
