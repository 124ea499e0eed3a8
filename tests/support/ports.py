"""A free local TCP port."""
from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on right now (another program may still take it before the caller binds)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
