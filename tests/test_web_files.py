"""No file outside the static folder or the index is ever served, and `search serve` listens
on 127.0.0.1 by default. Through a real `search serve` subprocess and raw HTTP requests (a
client library or TestClient would normalise the paths this sends as they are)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from searchengine import NewsIndex
from tests.web_articles import build_index

PACKAGE = Path(__file__).resolve().parents[1] / "searchengine"
SECRET = f"SECRET-{uuid.uuid4()}"
MARKER = "served from the static folder"
# Fragments of the files a traversal would reach (a URL may echo their names, not these).
FORBIDDEN = [SECRET.encode(), b"def create_app(", b"from __future__ import", b"root:x:0:0"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python -m searchengine serve` (default host, free port) run from a copy of the
    package whose static folder also holds a marker file and symlinks leading out of it."""
    root = tmp_path_factory.mktemp("files")
    (root / "secret.txt").write_text(SECRET)
    code = root / "code"
    shutil.copytree(PACKAGE, code / "searchengine", ignore=shutil.ignore_patterns("__pycache__"))
    static = code / "searchengine" / "web" / "static"
    (static / "marker.txt").write_text(MARKER)
    (static / "leak.txt").symlink_to(root / "secret.txt")
    (static / "up").symlink_to("..")
    (static / "root").symlink_to("/")
    (static / "loop").symlink_to("loop")
    index = build_index(root / "data")
    with NewsIndex.open(index):
        pass
    env = {**os.environ, "PYTHONPATH": str(code)}
    process = subprocess.Popen(
        [sys.executable, "-m", "searchengine", "serve", "--index", str(index), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True, cwd=root)
    try:
        line = process.stdout.readline()
        match = re.search(r"at http://([\d.]+):(\d+)/", line)
        assert match, f"no URL in the first line of `search serve`: {line!r}"
        toc = next(index.glob("*.toc")).read_bytes()
        yield {"host": match.group(1), "port": int(match.group(2)), "static": static,
               "root": root, "index": index, "forbidden": [*FORBIDDEN, toc[8:40]]}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def raw_get(server: dict, target: str) -> tuple[int, bytes]:
    """Send ``GET target`` byte for byte; the status and the body."""
    with socket.create_connection((server["host"], server["port"]), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                     .encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_serve_listens_on_loopback_only_by_default(server):
    assert server["host"] == "127.0.0.1"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port = local.rsplit(":", 1)
            if state == "0A" and int(port, 16) == server["port"]:  # 0A: LISTEN
                listening.append(address)
    if not listening:
        pytest.skip("/proc/net/tcp is not readable here")
    assert listening == ["0100007F"], listening  # 127.0.0.1, and no other socket on the port


def test_the_static_folder_itself_is_served(server):
    assert raw_get(server, "/static/marker.txt") == (200, MARKER.encode())
    status, body = raw_get(server, "/static/style.css")
    assert status == 200 and body == (server["static"] / "style.css").read_bytes()


def traversal_targets(server: dict) -> list[str]:
    secret, package_web = server["root"] / "secret.txt", "searchengine/web"
    ups = ["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "%c0%ae%c0%ae", "..%00",
           "....", "..;", "..%5c..", "..\\.."]
    seps = ["/", "%2f", "%2F", "%252f", "\\", "%5c", "//"]
    files = ["app.py", "../../etc/passwd", "__init__.py", f"../{package_web}/app.py",
             "..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd"]
    targets = [f"/static/{up}{sep}{name}" for up in ups for sep in seps for name in files]
    absolute = [str(secret), "/etc/passwd", str(next(server["index"].glob("*.toc")))]
    for path in absolute:
        quoted = path.replace("/", "%2f")
        targets += [f"/static/{path}", f"/static{path}", f"/static/{quoted}", f"/static{quoted}",
                    f"/static/style.css/../..{path}", f"/static/.{path}"]
    targets += [f"/static/{link}/{rest}" for link in ("up", "root", "loop")
                for rest in ("app.py", "etc/passwd", "web/app.py", "")]
    targets += ["/static/leak.txt", "/static/loop", "/static/up", "/static/root"]
    for prefix in ("/", "/articles/", "/api/articles/", "/api/search?q=", "/?q=",
                   "http://localhost/static/", "http://localhost/"):
        for up in ("..", "%2e%2e", "..%2f..", "%2e%2e%2f%2e%2e"):
            targets += [f"{prefix}{up}/{up}/etc/passwd", f"{prefix}{up}/{up}/app.py",
                        f"{prefix}{up}/{up}{secret}", f"{prefix}{secret}"]
        targets += [f"{prefix}{str(next(server['index'].glob('*.toc')))}",
                    f"{prefix}file://{secret}"]
    return targets


def test_no_traversal_reaches_a_file_outside_the_static_folder(server):
    """Every answer under /static is 404 or a file that really is in the static folder;
    no answer anywhere holds the secret, our code, the index or /etc/passwd."""
    static_files = {p.read_bytes() for p in server["static"].iterdir()
                    if p.is_file() and not p.is_symlink()}
    targets = traversal_targets(server)
    served, problems = [], []
    for target in targets:
        status, body = raw_get(server, target)
        leaked = [fragment for fragment in server["forbidden"] if fragment in body]
        if status >= 500 or leaked:
            problems.append((target, status, leaked))
        if status == 200 and target.startswith(("/static", "http://localhost/static")):
            served.append(target)
            if body not in static_files:
                problems.append((target, status, body[:100]))
    assert not problems, problems[:20]
    print(f"{len(targets)} traversal requests, none left the static folder; "
          f"{len(served)} answered 200 with a static file")
    assert len(targets) >= 300


def test_links_out_of_the_static_folder_are_404(server):
    """A symlink loop in the static folder was a 500 (Starlette let ELOOP through)."""
    for target in ("/static/loop", "/static/loop/app.py", "/static/leak.txt",
                   "/static/up/app.py", "/static/root/etc/passwd"):
        assert raw_get(server, target)[0] == 404, target
