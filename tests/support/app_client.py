"""A Flask test client for the helper's app that sends the Host header the helper checks exactly."""
from __future__ import annotations


def client_for(app, host: str):
    """A test client whose requests carry this Host header."""
    client = app.test_client()
    plain_open = client.open

    def open_with_host(*args, **kwargs):
        kwargs.setdefault("base_url", f"http://{host}")
        return plain_open(*args, **kwargs)

    client.open = open_with_host
    return client
