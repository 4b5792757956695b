"""A static file server for the built sites, on 127.0.0.1 and a free port, in a thread of the test process."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType


class _Quiet(SimpleHTTPRequestHandler):
    """Serves files; no log line per request (hundreds of pages, thousands of requests)."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """`with StaticServer(root) as server:` serves `root` at `server.url` until the block ends."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_Quiet, directory=str(root))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._httpd.server_port}"
        self.url = self.origin + "/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="static-server", daemon=True)

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
