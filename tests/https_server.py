"""A small HTTPS server for the remote-index tests, run as a process of its own:

    python https_server.py ROOT CERT KEY LOG

It serves the files in ROOT on 127.0.0.1, on a free port printed as the first line of its
output, with ``ETag`` and ``Last-Modified`` and a 304 to a matching conditional request, and
appends each request to LOG as a line of JSON. The first path segment can ask for trouble:

- ``/FILE``: the file;
- ``/slow/FILE``: the headers, then one byte every 0.2 s, for a minute;
- ``/hang/FILE``: nothing at all, for a minute;
- ``/huge/FILE``: 17 MiB of Markdown, without a ``Content-Length``;
- ``/declared-huge/FILE``: a ``Content-Length`` of 17 MiB, then 1 KiB;
- ``/redirect/FILE``: a 302 to ``/FILE`` on this server;
- ``/redirect-http/FILE``: a 302 to ``http://127.0.0.1:PORT/FILE``;
- ``/redirect-broken/FILE``: a 302 to a URL with an IPv6 host that never closes;
- ``/status/CODE/FILE``: an empty answer with that status;
- ``/nocache/FILE``: the file without ``ETag`` and ``Last-Modified``.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HUGE = 17 * 1024 * 1024
_LOG_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    """GET with the behaviours listed in the module's docstring."""

    root: Path
    log_file: Path
    port: int

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to the JSON log, not to standard error."""

    def _log(self, status: int) -> None:
        entry = {
            "method": self.command,
            "path": self.path,
            "status": status,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
        }
        with _LOG_LOCK, self.log_file.open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")

    def _answer(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        self._log(status)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        mode, _, rest = self.path.lstrip("/").partition("/")
        if mode == "status":
            code, _, _ = rest.partition("/")
            self._answer(int(code), {"Content-Length": "0"})
            return
        if mode == "redirect":
            self._answer(302, {"Location": f"/{rest}", "Content-Length": "0"})
            return
        if mode == "redirect-http":
            location = f"http://127.0.0.1:{self.port}/{rest}"
            self._answer(302, {"Location": location, "Content-Length": "0"})
            return
        if mode == "redirect-broken":
            self._answer(302, {"Location": f"https://[{rest}", "Content-Length": "0"})
            return
        if mode == "hang":
            self._log(0)
            time.sleep(60)
            return
        if mode == "huge":
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown")
            self.end_headers()
            line = b"- [Transparency note](/legal/x/transparency-note)\n"
            block = line * (1024 * 1024 // len(line))
            for _ in range(HUGE // len(block) + 1):
                self.wfile.write(block)
            return
        if mode == "declared-huge":
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            self.wfile.write(b"#" * 1024)
            return
        name = rest if mode in ("slow", "nocache") else self.path.lstrip("/")
        path = self.root / name
        if not path.is_file():
            self._answer(404, {"Content-Length": "0"})
            return
        body = path.read_bytes()
        if mode == "slow":
            self._log(200)
            self.send_response(200)
            self.end_headers()
            for byte in body[:300]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
            return
        headers = {"Content-Type": "text/plain; charset=utf-8"}
        if mode != "nocache":
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = int(path.stat().st_mtime)
            headers["ETag"] = etag
            headers["Last-Modified"] = email.utils.formatdate(modified, usegmt=True)
            if self.headers.get("If-None-Match") == etag:
                self._answer(304, headers)
                return
        headers["Content-Length"] = str(len(body))
        self._answer(200, headers, body)


class Server(ThreadingHTTPServer):
    """Quiet about clients that hang up early, as the tests' clients do on purpose."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def main() -> None:
    root, cert, key, log = (Path(a) for a in sys.argv[1:5])
    Handler.root = root
    Handler.log_file = log
    server = Server(("127.0.0.1", 0), Handler)
    Handler.port = server.server_port
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
