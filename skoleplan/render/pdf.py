"""The whole plan on paper: a PDF per written standard and edition, and the line every printed page carries.

WeasyPrint lays the document out (render/whole_plan.py's chapters in the
template `overrides/pages/hele-planen.pdf.html.j2`, with its own print
stylesheet): A4, the school, plan version and approval date at the top of
every page, the address and page number at the bottom, a table of contents
with page numbers, bookmarks from the headings, the language in the PDF's
catalogue and a tagged structure for screen readers. Nothing is fetched: the
document has its styles and drawings inline, and any other address is
refused. The same input gives the same bytes (fixed dates and identifier).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2

from ..model import Plan
from ..model.base import Lang
from ..resolve.text import format_day, words
from .whole_plan import Chapter

TEMPLATE = "hele-planen.pdf.html.j2"


def pdf_name(lang: Lang) -> str:
    """The PDF's file name in `hele-planen/` of a language site."""
    return f"skolemiljoplan-{lang}.pdf"


def print_header(plan: Plan, lang: Lang) -> dict[str, str]:
    """What every printed page says about the plan: school, version and approval («Versjon 2025.1, vedtatt …»)."""
    labels = words(lang)["labels"]["whole_plan"]
    meta = plan.school.plan
    return {
        "school": plan.school.school.name[lang],
        "plan": labels["title"],
        "version": labels["version"].format(version=meta.version, approved=format_day(meta.approved, lang)),
    }


class PdfError(Exception):
    """The PDF could not be made; the message says why, in Norwegian."""


def _refusing_fetcher(asked: list[str]) -> Any:
    """WeasyPrint's fetcher: the document needs nothing from anywhere, so every request stops the PDF."""
    from weasyprint.urls import URLFetcher

    class Refuse(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            asked.append(url)
            raise PdfError(f"PDF-en skal ikke hente noe, men ba om {url}")

    return Refuse(fail_on_errors=True)


def document(plan: Plan, lang: Lang, chapters: list[Chapter], template_dir: Path, address: str, edition: str) -> str:
    """The whole plan as one HTML document for WeasyPrint."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    labels = words(lang)["labels"]
    meta = plan.school.plan
    roles = {role.id: role.name[lang] for role in plan.roles.roles}
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else meta.approved
    return env.get_template(TEMPLATE).render(
        lang=lang,
        chapters=chapters,
        header=print_header(plan, lang),
        words=labels["whole_plan"],
        about=labels["about"],
        meta=meta,
        approved=format_day(meta.approved, lang),
        approved_by=roles[meta.approved_by][:1].upper() + roles[meta.approved_by][1:],
        next_revision=format_day(meta.next_revision, lang),
        address=address,
        staff=edition == "staff",
        staff_note=labels["whole_plan"]["staff"],
        created=meta.approved.isoformat(),
        modified=stamp.isoformat(),
    )


def write_pdf(html: str, target: Path) -> None:
    """Lay out `html` with WeasyPrint into `target` (tagged, bookmarks, the document's language)."""
    from weasyprint import HTML

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    from weasyprint.urls import FatalURLFetchingError

    asked: list[str] = []
    try:
        made = HTML(string=html, url_fetcher=_refusing_fetcher(asked)).write_pdf(pdf_identifier=identifier, pdf_tags=True)
    except FatalURLFetchingError:
        raise PdfError(f"PDF-en skal ikke hente noe, men ba om {', '.join(sorted(set(asked)))}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(made)


def pdf_enabled() -> bool:
    """Whether this build makes the PDFs (`skoleplan build --pdf`, `make build`): they take seconds each."""
    return os.environ.get("SKOLEPLAN_PDF") == "1"


def finish_whole_plan(site_dir: Path, handbook: Any) -> None:
    """After MkDocs has built a language site: the printable page filled in, and the PDF when the build makes it.

    `handbook` is the site's `skoleplan.site.Handbook` (plan, language, edition, pages).
    """
    from ..site import all_pages
    from .whole_plan import chapters, demoted, fill_printable_page

    hidden = set(handbook.hidden_pages())
    sources = [p.path for p in all_pages() if p.path not in hidden]
    if "hele-planen.md" not in sources:
        return
    address = handbook.site_url()
    found = chapters(site_dir, sources, address)
    fill_printable_page(site_dir, "\n".join(
        f'<section class="sp-chapter" id="{c.anchor}">\n{demoted(c.html)}\n</section>' for c in found
    ))
    if pdf_enabled():
        html = document(handbook.plan, handbook.lang, found, handbook.project_dir / "overrides" / "pages",
                        address, handbook.edition)
        write_pdf(html, site_dir / "hele-planen" / pdf_name(handbook.lang))
