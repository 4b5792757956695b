"""Fixtures shared by the whole suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINIMAL = Path(__file__).resolve().parent / "loader" / "fixtures" / "minimal"


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the smallest valid plan, in tmp_path/data, for a test to break or extend."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target
