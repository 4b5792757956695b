"""`make serve` (skoleplan/devserver.py): both written standards and the staff edition as published, a free
port when the one asked for is taken, an error page that reloads, and a stop that leaves nothing running."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ..conftest import copy_example

pytestmark = pytest.mark.build
PROJECT = Path(__file__).resolve().parents[2]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("gave up waiting")


@pytest.fixture
def taken_port():
    """A port something else listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.fixture
def preview(tmp_path, taken_port):
    data = copy_example(tmp_path)
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "skoleplan", "serve", "--data", str(data), "--intern", "--project", str(PROJECT),
             "--addr", f"127.0.0.1:{taken_port}"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path,
        )
    try:
        address = wait_for(lambda: re.search(r"Viser nettstedet på (http://127\.0\.0\.1:\d+)/", log.read_text()), 90)
        process.folders = set((PROJECT / ".cache").glob(f"serve-{process.pid}-*"))  # the sites it serves
        yield process, address[1], data, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_a_taken_port_gives_a_free_one_and_both_standards_and_the_staff_edition_are_served(preview, taken_port):
    process, base, data, log = preview
    assert f"Port {taken_port} er opptatt; bruker port " in log.read_text()
    for lang in ("nb", "nn"):
        status, page = get(f"{base}/{lang}/")
        assert status == 200 and f'<html lang="{lang}"' in page
        assert '<script src="/__skoleplan/reload.js"></script>' in page
        status, staff = get(f"{base}/intern/{lang}/")
        assert status == 200 and f'<html lang="{lang}"' in staff
    status, _ = get(f"{base}/nb/kalender/aarshjul.ics")
    assert status == 200
    # the other standard's link on a page answers, as on the published site
    status, page = get(f"{base}/nb/aarshjul/")
    other = re.search(r'href="([^"]*nn/aarshjul/)"', page)
    assert other and get(f"{base}/nb/aarshjul/{other[1]}")[0] == 200


def test_a_data_error_shows_a_norwegian_error_page_until_it_is_fixed(preview):
    process, base, data, log = preview
    calendar = data / "aarshjul.yaml"
    original = calendar.read_text(encoding="utf-8")
    calendar.write_text(original.replace("title:", "tittle:", 1), encoding="utf-8")
    status, page = wait_for(lambda: (lambda r: r if r[0] == 503 else None)(get(f"{base}/nb/")))
    assert "Nettstedet kan ikke bygges" in page and '<html lang="nb">' in page
    assert re.search(r"aarshjul\.yaml:\d+:\d+: ukjent felt «tittle»; mente du «title»\?", page)
    assert "/__skoleplan/reload.js" in page
    calendar.write_text(original, encoding="utf-8")
    wait_for(lambda: get(f"{base}/nb/")[0] == 200)


def test_an_edit_saved_while_a_rebuild_runs_is_built_too(preview):
    """The files are looked at before each build, not after it: an edit saved during a build starts another.
    A mistake fixed while the rebuild that reads it ran used to leave the error page up until the next edit."""
    process, base, data, log = preview
    calendar = data / "aarshjul.yaml"
    original = calendar.read_text(encoding="utf-8")
    calendar.write_text(original.replace("title:", "tittle:", 1), encoding="utf-8")
    deadline = time.monotonic() + 30
    while "bygger på nytt" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.005)  # the rebuild has begun: fix the file at once, while it reads the plan
    calendar.write_text(original, encoding="utf-8")
    wait_for(lambda: log.read_text().count("bygger på nytt") == 2)
    wait_for(lambda: get(f"{base}/nb/")[0] == 200)


def stopped(process, log: Path, seconds: float = 60) -> int:
    """The preview's exit code; when it does not stop in time, the assertion shows its log with every
    thread's stack (SIGUSR1), so a hang in CI can be read from CI's output."""
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGUSR1)
        time.sleep(2)
        raise AssertionError(f"the preview did not stop in {seconds} s; its log:\n{log.read_text()}") from None


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_a_signal_stops_the_server_and_every_process_it_started(preview, stop):
    process, base, data, log = preview
    assert len(process.folders) == 1  # the sites it serves, in one folder
    process.send_signal(getattr(signal, stop))
    assert stopped(process, log) == 0
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no process of its group is left
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/nb/", timeout=2)
    assert not any(folder.exists() for folder in process.folders)


def test_ctrl_c_during_a_rebuild_lets_the_build_finish_and_then_stops(preview):
    """Ctrl+C in a terminal reaches every process of the preview, the workers too: the build under way ends
    (no traceback from a worker or a lock left held), then the preview stops and removes its sites."""
    process, base, data, log = preview
    (data / "aarshjul.yaml").touch()
    deadline = time.monotonic() + 30
    while "bygger på nytt" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl+C: the whole process group
    assert stopped(process, log) == 0
    text = log.read_text()
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    assert text.rstrip().endswith("Stoppet.")
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
    assert not any(folder.exists() for folder in process.folders)


def test_a_preview_removes_the_sites_a_killed_preview_left(tmp_path):
    """A preview killed with SIGKILL cannot clean up; the next one removes what it left (its process is gone),
    and leaves alone the folder of a preview that still runs."""
    from skoleplan.devserver import remove_left_previews

    cache = tmp_path / ".cache"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = cache / f"serve-{dead.pid}-abc" / "site"
    running = cache / f"serve-{os.getpid()}-def" / "site"
    other = cache / "feeds" / "x"  # not a preview's
    for folder in (left, running, other):
        folder.mkdir(parents=True)
    remove_left_previews(cache)
    assert not left.parent.exists()
    assert running.exists() and other.exists()
