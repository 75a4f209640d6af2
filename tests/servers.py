"""Real servers on 127.0.0.1 for the network tests, started and stopped by the tests.

``LocalServer``: an HTTP server whose routes are small functions, recording every request
(path, headers, body) so tests check what arrived. ``SmtpSink``: aiosmtpd collecting mail.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Write the body in pieces with a pause between them (a slow drip), or claim more.
    chunk: int = 0
    pause: float = 0.0
    # Or stream these pieces without a Content-Length (the body ends when the server closes).
    stream: Iterable[bytes] | None = None


Route = Callable[[Request], Reply]


class LocalServer:
    """``with LocalServer({"/feed": route}) as server:`` then fetch ``server.url("/feed")``."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[Request] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)  # a short poll: a quick shutdown

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(self.command, self.path,
                                  {k.lower(): v for k, v in self.headers.items()},
                                  self.rfile.read(length) if length else b"")
                with server._lock:
                    server.requests.append(request)
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                try:
                    route = server.routes.get(self.path.split("?")[0])
                    reply = route(request) if route else Reply(404, b"not found")
                    self._write(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.active -= 1

            def _write(self, reply: Reply) -> None:
                self.send_response(reply.status)
                if reply.stream is not None:
                    self.close_connection = True
                    headers = {"Connection": "close", **reply.headers}
                else:
                    headers = {"Content-Length": str(len(reply.body)), **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command == "HEAD" or reply.status == 304:
                    return
                if reply.stream is not None:
                    for piece in reply.stream:
                        self.wfile.write(piece)
                        self.wfile.flush()
                    return
                if not reply.chunk:
                    self.wfile.write(reply.body)
                    return
                for start in range(0, len(reply.body), reply.chunk):
                    self.wfile.write(reply.body[start:start + reply.chunk])
                    self.wfile.flush()
                    time.sleep(reply.pause)

            do_GET = do_POST = do_HEAD = _serve

        return Handler


class SmtpSink:
    """An SMTP server (aiosmtpd) on 127.0.0.1 keeping every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append(message_from_bytes(envelope.original_content,
                                                        policy=policy.default))
                return "250 OK"

        with socket.socket() as probe:  # aiosmtpd needs a concrete port to check itself
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()
