"""The build's worker processes: started before the plan is read, MkDocs loaded in them and only in them.

`skoleplan build` reads the plan on one core while each worker loads MkDocs, the theme, the plugins and the
Markdown extensions on the other (skoleplan/build.py, «the workers»). These tests run in a fresh Python, so
nothing this test session imported makes them pass.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from macros.mkdocs_site import prepare

PROJECT = Path(__file__).resolve().parents[2]
# The site generator and its glue (Python-Markdown is the core's too: the feeds read descriptions with it).
GENERATOR = ("mkdocs", "material", "mkdocs_macros", "pymdownx", "macros")

# Which site generator modules a process has: the main process's own, and each worker's after its preparation.
POOL_SCRIPT = f"""
import json, multiprocessing, sys
from pathlib import Path
from skoleplan.build import site_builders

def generator():
    return sorted({{m.split(".")[0] for m in sys.modules if m.split(".")[0] in {GENERATOR!r}}})

pool = site_builders(2, Path({str(PROJECT)!r}))
started = len(multiprocessing.active_children())  # before any site is submitted
code = "sorted({{m.split('.')[0] for m in __import__('sys').modules if m.split('.')[0] in {GENERATOR!r}}})"
workers = [pool.submit(eval, code).result() for _ in range(4)]
pool.shutdown()
print(json.dumps({{"started": started, "main": generator(), "workers": workers}}))
"""


def run(script: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_workers_start_at_once_and_load_the_site_generator_the_main_process_does_not():
    seen = run(POOL_SCRIPT)
    assert seen["started"] == 2
    assert seen["main"] == []
    for modules in seen["workers"]:  # every task, in whichever worker, finds the generator loaded
        assert modules == sorted(GENERATOR)


@pytest.mark.build
def test_a_whole_build_loads_the_site_generator_only_in_its_workers(tmp_path):
    script = f"""
import json, sys
from pathlib import Path
from skoleplan.build import build_site
built = build_site(Path({str(PROJECT)!r}), Path({str(tmp_path / "site")!r}), Path({str(PROJECT / "data")!r}),
                   save_locks=False)
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules if m.split(".")[0] in {GENERATOR!r}}})))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
    assert (tmp_path / "site" / "nb" / "index.html").is_file()
    assert (tmp_path / "site" / "nn" / "aarshjul" / "index.html").is_file()


@pytest.mark.parametrize(
    "config",
    [None, "site_name: [ikke, en, tekst\n", "site_name: x\nplugins:\n  - finnes-ikke\n"],
    ids=["no configuration", "broken YAML", "unknown plugin"],
)
def test_preparing_a_worker_is_never_an_error_and_says_nothing(tmp_path, caplog, capsys, config):
    """Whatever is wrong with the project's configuration, the build itself says it (in Norwegian)."""
    if config is not None:
        (tmp_path / "mkdocs.nb.yml").write_text(config, encoding="utf-8")
    with caplog.at_level(logging.DEBUG):
        assert prepare(tmp_path) is None
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")
    assert logging.root.manager.disable == logging.NOTSET  # logging is on again afterwards
