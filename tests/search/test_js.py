"""The worker's JavaScript tests (Node's test runner), and the build and the browser agreeing on every stem."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from skoleplan.search import STOP_WORDS, index_vocabulary, stem_once

from .conftest import JS_DIR, material_templates, require_node


def _node(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_node(), *args],
        cwd=JS_DIR,
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ, MATERIAL_TEMPLATES=str(material_templates())),
        timeout=300,
    )


def test_the_worker_passes_its_javascript_tests():
    done = _node("--test", *sorted(str(p) for p in JS_DIR.glob("*.test.js")))
    summary = [line for line in done.stdout.splitlines() if line.startswith(("# pass", "# fail"))]
    print("\n".join(summary))
    if done.returncode != 0:
        pytest.fail(f"node --test i {JS_DIR} feilet:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}", pytrace=False)


@pytest.mark.build
def test_python_and_the_browser_stem_every_word_of_the_site_alike(sites: dict[str, Path]):
    """PyStemmer (build) and lunr.no (browser) must agree, or the words table would point nowhere."""
    vocabulary: set[str] = set()
    for lang in ("nb", "nn"):
        index = json.loads((sites["ours"] / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        vocabulary |= index_vocabulary(index)
    words = sorted(vocabulary | STOP_WORDS)
    done = _node("stems.js", stdin=json.dumps(words))
    if done.returncode != 0:
        pytest.fail(f"stems.js feilet:\n{done.stderr}", pytrace=False)
    browser = json.loads(done.stdout)
    differ = [(w, b, stem_once(w)) for w, b in zip(words, browser["stems"]) if b != stem_once(w)]
    assert not differ, f"lunr.no og PyStemmer er uenige (ord, nettleser, Python): {differ[:20]}"
    assert set(browser["stopWords"]) == STOP_WORDS
