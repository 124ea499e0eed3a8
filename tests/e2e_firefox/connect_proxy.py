"""A tiny HTTP CONNECT proxy for the Firefox tests: Firefox has no --host-resolver-rules, so its
profile sends every https request here and this proxy tunnels the look-alike hosts (x.com,
www.facebook.com, ...) to the local site server, whatever port that has. Every other host is
refused, so nothing the browser does during a test leaves the machine."""
from __future__ import annotations

import select
import socket
import threading


class ConnectProxy:
    def __init__(self, hosts: tuple[str, ...], target_port: int):
        self.hosts = {h.lower() for h in hosts}
        self.target_port = target_port
        self._server: socket.socket | None = None
        self.port = 0

    def start(self) -> int:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()
        return self.port

    def stop(self) -> None:
        if self._server:
            self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:  # closed by stop()
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with client:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = client.recv(4096)
                if not chunk or len(head) > 16384:
                    return
                head += chunk
            method, _, target = head.split(b"\r\n", 1)[0].decode("latin-1").partition(" ")
            host = target.split(" ")[0].rsplit(":", 1)[0].lower()
            if method != "CONNECT" or host not in self.hosts:
                # Plain http:// (e.g. the unsafe link's real target) and Firefox's own services stay local.
                client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            with socket.create_connection(("127.0.0.1", self.target_port)) as upstream:
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self._pipe(client, upstream)

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        while True:
            ready, _, _ = select.select(list(peers), [], [], 120)
            if not ready:
                return
            for sock in ready:
                data = sock.recv(65536)
                if not data:
                    return
                peers[sock].sendall(data)
