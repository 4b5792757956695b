"""A build killed at any moment (kill -9) leaves the published site in place and the working tree clean (issue 18)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import copy_example

pytestmark = pytest.mark.build
PROJECT = Path(__file__).resolve().parents[2]


def git(project: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=project, check=True, capture_output=True, text=True).stdout


def test_a_killed_build_never_removes_the_site_nor_leaves_anything_behind(tmp_path):
    project = tmp_path / "prosjekt"
    project.mkdir()
    for name in ("overrides", "macros", "mkdocs.yml", "mkdocs.nb.yml", "mkdocs.nn.yml", "skoleplan", "grunnlag"):
        (project / name).symlink_to(PROJECT / name)
    shutil.copytree(PROJECT / "docs", project / "docs")
    shutil.copy(PROJECT / ".gitignore", project / ".gitignore")
    copy_example(project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "start")
    command = [sys.executable, "-m", "skoleplan", "build", "--project", str(project), "--data", str(project / "data")]
    subprocess.run(command, cwd=project, check=True, capture_output=True)
    front = (project / "site" / "nb" / "index.html").read_bytes()
    for delay in (0.2, 0.5, 0.8, 1.1, 1.4, 1.8, 2.4, 3.2):
        build = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        time.sleep(delay)
        try:
            os.killpg(build.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it had finished
        build.wait()
        assert (project / "site" / "nb" / "index.html").read_bytes() == front, delay  # the same data, the same site
        assert (project / "site-intern" / "nb" / "index.html").is_file(), delay
        assert git(project, "status", "--porcelain") == "", delay  # no staging folder, no changed calendar lock
