"""The build warns when a page built as Nynorsk reads as Bokmål; `--strict` makes the warning a failure."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from skoleplan.build import BuildError, build_site
from skoleplan.render.written_standard import _BLOCKS, _SKIPPED, _VOID, text_blocks

from ..conftest import copy_example

from .conftest import PROJECT


@pytest.mark.build
def test_a_bokmaal_text_in_the_nynorsk_field_fails_a_strict_build(tmp_path):
    data = copy_example(tmp_path)
    skole = data / "skole.yaml"
    text = skole.read_text(encoding="utf-8")
    nynorsk = "Vi bruker òg erfaringar frå skulemiljøsakene det siste året"
    bokmaal = "Vi bruker også erfaringer fra skolemiljøsakene det siste året, og hvis noe ikke virker, hva gjør vi da"
    assert nynorsk in text
    skole.write_text(text.replace(nynorsk, bokmaal), encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        build_site(PROJECT, tmp_path / "site", data, strict=True)
    message = str(failed.value)
    assert "(åpen, nynorsk)" in message and "bokmål)" not in message
    assert "om-planen.md: tekst på bokmål på en side bygd som nynorsk" in message
    assert "hvis" in message and "ikke" in message and 'lang="nb"' in message


class _ReferenceText(HTMLParser):
    """html.parser's reading of a page, the way the check read pages before its faster tokenizer."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool, int | None]] = []
        self.blocks: list[list[str]] = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        lang = (dict(attrs).get("lang") or "").lower().split("-")[0]
        excluded = (bool(self.stack) and self.stack[-1][1]) or tag in _SKIPPED or lang not in ("", "no", self.lang)
        block = None
        if tag in _BLOCKS:
            self.blocks.append([])
            block = len(self.blocks) - 1
        self.stack.append((tag, excluded, block))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.blocks[next((b for _, _, b in reversed(self.stack) if b is not None), 0)].append(data)


def _reference(html: str, lang: str) -> list[str]:
    parser = _ReferenceText(lang)
    parser.feed(html)
    parser.close()
    return [" ".join(" ".join(parts).split()) for parts in parser.blocks]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_tokenizer_reads_every_built_page_as_html_parser_does(site, lang):
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        ours = [" ".join(" ".join(parts).split()) for parts in text_blocks(html, lang)]
        assert ours == _reference(html, lang), path


@pytest.mark.parametrize(
    "html",
    [
        '<p>Hva <span lang="nb">ikke</span> <em lang=nn-NO>ikkje</em></p><br/><img alt="x">',
        "<div><p>a &amp; b &lt;c&gt;</p><!-- <p>skjult</p> --><script>if (a < b) { x('</p>') }</script></div>",
        "<ul><li>én<li>to</ul><svg><path d='M0 0'/><title>QR</title></svg> < løs",
        '<td title="a > b">celle</td><p hreflang="nn" xml:lang="nn">tekst</p>',
    ],
)
def test_the_tokenizer_agrees_with_html_parser_on_awkward_markup(html):
    for lang in ("nb", "nn"):
        assert [" ".join(" ".join(p).split()) for p in text_blocks(html, lang)] == _reference(html, lang)
