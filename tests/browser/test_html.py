"""The Nu Html Checker (vnu.jar) finds no errors in any page of either site (its warnings end the test report)."""

from __future__ import annotations

import pytest

from .audit import SITE_DIRS, Target
from .conftest import TARGETS, by_id


def _file(target: Target) -> str:
    return f"{SITE_DIRS[target.edition]}/{target.lang}/{target.path}index.html"


def _line(message: dict) -> str:
    return f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message.get('message')}"


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_page_is_valid_html(vnu: dict, target: Target):
    messages = vnu.get(_file(target), [])
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, f"{_file(target)}:\n  " + "\n  ".join(_line(m) for m in errors[:20])


def test_every_other_html_file_is_valid(vnu: dict):
    """The root pages that choose a written standard, and the 404 pages."""
    checked = {_file(t) for t in TARGETS}
    errors = [f"{path}:{_line(m)}" for path, messages in vnu.items() if path not in checked
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(errors[:20])

