"""`make serve`: the sites exactly as they will be published, rebuilt when a file changes.

The preview builds with `build.build_site`, the same path as `make build`: both
written standards (`/nb/`, `/nn/`), the root page and the feeds, and with
`--intern` the staff edition at `/intern/`, where the published site has it.
A change to the data (any layer), to `docs/` or to `overrides/` rebuilds it; an
open page reloads itself (a small script from this server, added to pages as they
are sent, never written into the site). When the data has a problem, every page
shows it in Norwegian, file:line by file:line, and reloads when it is fixed.

One process: the HTTP server runs in a thread, the builds in the main thread, in
worker processes started before the server (a fork never happens beside a running
thread). Ctrl+C, SIGTERM and SIGHUP (a closed terminal, a service manager) stop
the server, the workers and the temporary site alike. A signal only records that
a stop was asked for; the main thread looks between builds and stops there. (It
used to raise an exception wherever the main thread happened to be, inside the
worker pool's or the server's locking too; once in CI a stop then hung.) SIGUSR1
writes every thread's stack to the log, for a preview that seems stuck.
"""

from __future__ import annotations

import errno
import faulthandler
import html
import http.server
import os
import shutil
import signal
import socketserver
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PlanError, display_path

POLL_SECONDS = 0.2  # how often the files are looked at: a few hundred `stat` calls, well under 1 % of a core
RELOAD_PATH = "/__skoleplan/"
RELOAD_SCRIPT = """(function () {
  var seen = null;
  function ask() {
    fetch("/__skoleplan/versjon", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {}).finally(function () { setTimeout(ask, 400); });
  }
  ask();
})();
"""


@dataclass
class PreviewState:
    """What the server shows: the latest build, or the problems that stopped it."""

    version: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def built(self) -> None:
        with self.lock:
            self.problems = []
            self.version += 1

    def failed(self, problems: list[str]) -> None:
        with self.lock:
            self.problems = problems
            self.version += 1


def watched_files(folders: list[Path]) -> dict[Path, float]:
    """Every file below the folders, with its modification time (a changed, added or removed file changes this)."""
    found: dict[Path, float] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("schema", "__pycache__")]
            for name in files:
                path = Path(root) / name
                try:
                    found[path] = path.stat().st_mtime_ns
                except OSError:
                    continue
    return found


def error_page(problems: list[str]) -> bytes:
    """The page every request gets while the data has a problem: the problems, and what to do."""
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (
        '<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Feil i planen – forhåndsvisning</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
        "color:#1b1b1b;background:#fff}code{white-space:pre-wrap;word-break:break-word}li{margin:.5rem 0}</style>\n"
        "</head>\n<body>\n<main>\n<h1>Nettstedet kan ikke bygges</h1>\n"
        "<p>Datafilene har feil. Rett dem og lagre; siden lastes på nytt av seg selv.</p>\n"
        f"<ul>\n{items}\n</ul>\n</main>\n"
        f'<script src="{RELOAD_PATH}reload.js"></script>\n</body>\n</html>\n'
    ).encode("utf-8")


def make_handler(roots: dict[str, Path], state: PreviewState):
    """A request handler serving the built sites (`roots`: URL prefix → folder) with the reload script."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            pass  # one line per request would bury the build's own messages

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def translate_path(self, path: str) -> str:
            clean = path.split("?", 1)[0].split("#", 1)[0]
            for prefix, folder in sorted(roots.items(), key=lambda r: -len(r[0])):
                if clean.startswith(prefix):
                    self.directory = str(folder)
                    return super().translate_path("/" + clean[len(prefix):])
            return str(Path(self.directory) / "ingen-slik-side")

        def do_HEAD(self) -> None:  # noqa: N802 - the base class's name
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            path = self.path.split("?", 1)[0]
            if path == f"{RELOAD_PATH}versjon":
                return self._send(200, str(state.version).encode(), "text/plain; charset=utf-8")
            if path == f"{RELOAD_PATH}reload.js":
                return self._send(200, RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
            with state.lock:
                problems = list(state.problems)
            if problems and (path.endswith("/") or path.endswith(".html")):
                return self._send(503, error_page(problems), "text/html; charset=utf-8")
            local = Path(self.translate_path(self.path))
            if local.is_dir() and not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            if local.is_dir():
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                body = local.read_bytes().replace(
                    b"</body>", f'<script src="{RELOAD_PATH}reload.js"></script>\n</body>'.encode(), 1
                )
                return self._send(200, body, "text/html; charset=utf-8")
            return super().do_GET()

    return Handler


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def bind(host: str, port: int, handler) -> tuple[_Server, bool]:
    """The server on `port`, or on a free port when it is taken (True: it was taken)."""
    try:
        return _Server((host, port), handler), False
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
    return _Server((host, 0), handler), True


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass
class StopRequest:
    """Set by a signal handler, read by the main thread between builds.

    The handler does nothing but set the attribute: no lock, no print, no exception, all of which could
    meet the same thing already half-done in the main thread the signal interrupted.
    """

    signum: int = 0

    def handler(self, signum, frame) -> None:  # noqa: ANN001 - the signal module's signature
        self.signum = signum


def serve(project: Path, data_dir: Path, host: str, port: int, lang: str, staff: bool) -> int:
    """Build, serve and rebuild on change until stopped; 0 when stopped by the user or a signal."""
    from .build import BuildError, build_site, site_builders
    from .layers import layer_chain

    project, data_dir = Path(project).resolve(), Path(data_dir).resolve()
    cache = _cache(project)
    remove_left_previews(cache)
    out = Path(tempfile.mkdtemp(prefix=f"serve-{os.getpid()}-", dir=cache))
    roots = {"/intern/": out / "intern", "/": out / "site"} if staff else {"/": out / "site"}
    state = PreviewState()
    stop = StopRequest()
    for signum in (signal.SIGINT, signal.SIGHUP):  # a terminal sends these to every process of the preview:
        signal.signal(signum, signal.SIG_IGN)      # the workers ignore them and finish the build under way
    pool = site_builders(4 if staff else 2, project)  # every worker started now, before the server's thread
    for signum in STOP_SIGNALS:  # the workers keep SIGTERM's default: the pool ends a broken worker with it
        signal.signal(signum, stop.handler)
    faulthandler.register(signal.SIGUSR1, all_threads=True)

    def build() -> None:
        started = time.perf_counter()
        try:
            built = build_site(project, out / "site", data_dir, staff_dir=out / "intern" if staff else None,
                               pool=pool, save_locks=False)
        except PlanError as exc:
            state.failed([str(p) for p in exc.problems])
            print(f"Feil i datafilene ({len(exc.problems)}); nettleseren viser dem.", flush=True)
            return
        except BuildError as exc:
            state.failed(str(exc).splitlines())
            print(str(exc), flush=True)
            return
        state.built()
        for warning in built.warnings:
            print(f"Advarsel: {warning}", flush=True)
        print(f"Bygd på {time.perf_counter() - started:.1f} s.", flush=True)

    def folders() -> list[Path]:
        chain, _ = layer_chain(data_dir)
        return [layer.folder for layer in chain] + [project / "docs", project / "overrides"]

    server = None
    try:
        seen = watched_files(folders())  # taken before each build: an edit saved during a build starts the next
        build()
        if not stop.signum:  # (a stop asked for during the first build: nothing to serve)
            server, taken = bind(host, port, make_handler(roots, state))
            actual = server.server_address[1]
            if taken:
                print(f"Port {port} er opptatt; bruker port {actual} i stedet.", flush=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            staff_text = f" og personalets utgave på http://{host}:{actual}/intern/{lang}/" if staff else ""
            print(f"Viser nettstedet på http://{host}:{actual}/{lang}/{staff_text} (stopp med Ctrl+C)", flush=True)
        while not stop.signum:
            time.sleep(POLL_SECONDS)
            now = watched_files(folders())
            if now != seen and not stop.signum:
                changed = sorted({p for p in set(now) | set(seen) if now.get(p) != seen.get(p)})
                print(f"Endret: {', '.join(display_path(p) for p in changed[:3])}"
                      f"{' …' if len(changed) > 3 else ''}; bygger på nytt …", flush=True)
                seen = now
                build()
        print("Stoppet.", flush=True)
        return 0
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(out, ignore_errors=True)


def _cache(project: Path) -> Path:
    folder = project / ".cache"
    folder.mkdir(exist_ok=True)
    return folder


def remove_left_previews(cache: Path) -> None:
    """Remove the sites of previews that could not clean up (killed with SIGKILL, or the machine stopped).

    A preview keeps its sites in `serve-<process id>-…`; a folder whose process is gone is left over."""
    for left in cache.glob("serve-*-*"):
        pid = left.name.split("-")[1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
