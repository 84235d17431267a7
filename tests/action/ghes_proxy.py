"""A GitHub Enterprise Server stand-in: the emulator's API served under ``/api/v3``.

GHES answers at ``https://HOST/api/v3/...`` and every URL in its answers (``url`` fields,
``Link`` headers) carries that prefix. This proxy forwards ``/api/v3/<path>`` to the emulator's
``/<path>`` and rewrites the emulator's base URL in bodies and headers to the prefixed one, so a
client that drops the prefix anywhere hits ``/<path>`` here and gets 404 (recorded in ``stray``).
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/api/v3"


class GhesProxy:
    def __init__(self, upstream: str):
        self.upstream = upstream
        self.seen: list[tuple[str, str]] = []  # (method, path) under the prefix
        self.stray: list[tuple[str, str]] = []  # requests that missed the prefix
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                proxy.handle(self)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _any

            def log_message(self, *args):  # quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}{PREFIX}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        if not h.path.startswith(PREFIX + "/"):
            self.stray.append((h.command, h.path))
            self._reply(h, 404, {}, b'{"message": "Not Found"}')
            return
        self.seen.append((h.command, h.path))
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else None
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host",
                                                                          "content-length")}
        req = urllib.request.Request(self.upstream + h.path[len(PREFIX):], data=body,
                                     method=h.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, got, data = resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as err:
            status, got, data = err.code, dict(err.headers), err.read()
        data = data.replace(self.upstream.encode(), self.url.encode())
        got = {k: v.replace(self.upstream, self.url) for k, v in got.items()
               if k.lower() not in ("content-length", "transfer-encoding", "connection",
                                    "date", "server")}
        self._reply(h, status, got, data)

    @staticmethod
    def _reply(h: BaseHTTPRequestHandler, status: int, headers: dict, data: bytes) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
