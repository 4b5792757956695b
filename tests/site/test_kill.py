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


@pytest.fixture
def project(tmp_path) -> Path:
    """A project of the example school under git, built once."""
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
    subprocess.run(build_command(project), cwd=project, check=True, capture_output=True)
    return project


def build_command(project: Path) -> list[str]:
    return [sys.executable, "-m", "skoleplan", "build", "--project", str(project), "--data", str(project / "data")]


def test_a_killed_build_never_removes_the_site_nor_leaves_anything_behind(project):
    command = build_command(project)
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


def test_ctrl_c_stops_a_build_at_any_moment_quietly_and_leaves_the_site_as_it_was(project):
    """Ctrl+C in a terminal reaches every process of the build: no Python traceback from any of them (a worker
    waiting for its first site printed one), nothing left running, nothing half-published."""
    front = (project / "site" / "nb" / "index.html").read_bytes()
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0):
        build = subprocess.Popen(build_command(project), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, start_new_session=True)
        time.sleep(delay)
        try:
            os.killpg(build.pid, signal.SIGINT)
        except ProcessLookupError:
            pass  # it had finished
        out, err = build.communicate(timeout=60)
        # 130: stopped; 0: it had finished; -2: the signal came as Python was exiting after the build
        assert build.returncode in (130, 0, -signal.SIGINT), (delay, build.returncode, err)
        assert "Traceback" not in out + err and "Exception ignored" not in err, (delay, err)
        assert not process_group(build.pid), delay  # the workers ended with the build
        assert (project / "site" / "nb" / "index.html").read_bytes() == front, delay
        assert git(project, "status", "--porcelain") == "", delay


def process_group(pgid: int) -> list[str]:
    """The processes left in the build's process group, after a moment for them to exit."""
    for _ in range(50):
        left = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command's name: state, ppid, pgrp
            except (OSError, IndexError):
                continue  # it ended meanwhile
            if int(fields[2]) == pgid and fields[0] != "Z":
                left.append(stat.parent.name)
        if not left:
            return []
        time.sleep(0.1)
    return left
