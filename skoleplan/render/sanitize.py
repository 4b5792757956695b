"""The output policy for HTML made from the plan: nothing from the data runs, or loads, in a reader's browser.

Every page's HTML, as the site generator made it from the page's Markdown (the
data's text through the templates, and a school's own pages), passes
`safe_html`, an allow-list sanitizer (nh3, the Python binding of the Rust
crate Ammonia): only the elements and attributes below survive, so no script,
iframe, object, style or event handler can come out of any text, however it
was written (raw HTML, entities, reference links, attribute lists). Links keep
only http(s), mailto, tel and webcal addresses (webcal: the calendar feeds) or
relative ones; images only addresses on the site itself. Plain-text values
printed by the theme's templates (the school's name, page titles) are escaped
where they are handed to the theme (`macros/plugin.py`, `overrides/theme/`).
"""

from __future__ import annotations

import re

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "webcal"})

_TEXT = {"p", "br", "hr", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup", "mark", "abbr", "code", "pre",
         "kbd", "blockquote", "q", "cite", "span", "div", "section", "article", "aside", "nav", "header", "footer",
         "figure", "figcaption", "details", "summary", "time", "del", "ins", "dfn", "address", "wbr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol", "li", "dl", "dt", "dd"}
_TABLES = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
_FORMS = {"form", "fieldset", "legend", "label", "input", "select", "option", "button", "output"}  # filters, no scripts
_MEDIA = {"img", "a"}
_SVG = {"svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "marker", "use", "symbol", "clippath", "lineargradient", "stop"}

TAGS = _TEXT | _HEADINGS | _LISTS | _TABLES | _FORMS | _MEDIA | _SVG

_GENERIC = {"id", "class", "lang", "title", "role", "tabindex", "hidden", "dir"}
_SVG_ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin",
    "opacity", "transform", "font-size", "font-weight", "font-family", "font-style", "text-anchor",
    "dominant-baseline", "marker-end", "marker-start", "markerWidth", "markerHeight", "refX", "refY", "orient", "xmlns",
    "shape-rendering", "preserveAspectRatio", "offset", "stop-color", "focusable", "dx", "dy", "href", "clip-path",
}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    "a": {"href", "hreflang", "rel", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "label": {"for"},
    "form": {"action", "method"},
    "input": {"type", "name", "value", "checked", "id", "disabled"},
    "select": {"name", "multiple"},
    "option": {"value", "selected"},
    "button": {"type", "name", "value"},
    "output": {"for"},
    **{tag: set(_SVG_ATTRIBUTES) for tag in _SVG},
}
# aria-* and data-* on any element (the theme's and our scripts read data-*, never run it).
PREFIXES = {"aria-", "data-"}


def _on_this_site(address: str) -> bool:
    """A relative address: no scheme, not protocol-relative («//host/…»)."""
    address = address.strip()
    first = address.split("/", 1)[0]
    return not address.startswith("//") and ":" not in first


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _on_this_site(value):
        return None  # an image from another host would be a request to it
    if tag in _SVG and attribute == "href" and not _on_this_site(value):
        return None
    if tag == "form" and attribute == "action" and not _on_this_site(value):
        return None
    return value


def safe_html(html: str) -> str:
    """`html` with everything outside the allow-list removed (scripts and styles with their content)."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        generic_attribute_prefixes=PREFIXES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter,
        link_rel=None,
        strip_comments=True,
    )


_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']([^"']+)["']""")


def duplicate_ids(html: str) -> list[str]:
    """The ids that stand more than once in a page's HTML, in the order of their second use."""
    seen: set[str] = set()
    twice: list[str] = []
    for found in _ID.finditer(html):
        if found[1] in seen and found[1] not in twice:
            twice.append(found[1])
        seen.add(found[1])
    return twice
