"""Run the web view with uvicorn: ``serve(index, host, port)`` is what `search serve` calls."""

from __future__ import annotations

import socket

import uvicorn

from searchengine.api import NewsIndex
from searchengine.web.app import create_app


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free port), so the URL we print is the real one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(index: NewsIndex, sock: socket.socket, log_level: str = "warning"
                ) -> uvicorn.Server:
    """A uvicorn server for the app over ``index``, to run with ``server.run([sock])``."""
    host, port = sock.getsockname()[:2]
    config = uvicorn.Config(create_app(index), host=host, port=port, log_level=log_level,
                            access_log=False)
    return uvicorn.Server(config)


def serve(index: NewsIndex, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until Ctrl-C, then close the index."""
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise SystemExit(f"error: cannot listen on {host}:{port}: {exc.strerror}") from None
    server = make_server(index, sock)
    print(f"Serving {index.path} at {url_of(sock)} (Ctrl-C to stop)", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        index.close()
        print("Stopped.", flush=True)
