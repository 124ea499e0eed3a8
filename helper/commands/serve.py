"""`serve`: runs the helper on 127.0.0.1 with waitress (a production WSGI server)."""
from __future__ import annotations

import socket
import sys
import threading

from waitress import create_server, serve

from .. import desktop
from ..api.image import MAX_IMAGE_BODY_BYTES
from ..app import create_app
from ..config import DEFAULT_PORT
from ..links.feed_hosts import guards_for
from ..links.feeds import Refresher, subscribed
from ..photos import worker as photo_worker
from ..security.keyring_secret import KeyringUnavailable
from ..web.photo_consent import MAX_UPLOAD_BYTES
from .common import add_district_argument, add_home_argument, config_from

HOST = "127.0.0.1"   # never 0.0.0.0: the helper is for this machine only


def waitress_options(threads: int) -> dict:
    """waitress refuses a body larger than the largest the helper takes (a photo in base64, or the
    reference photos of one page upload) with 413 from its headers, before reading it, and keeps
    every body it takes in memory (its default spools bodies over 512 KB to a temporary file): a
    photo never touches the disk, and no web page can make the helper write its uploads there."""
    largest = max(MAX_IMAGE_BODY_BYTES, MAX_UPLOAD_BYTES)
    return {"threads": threads, "ident": "social-guard", "clear_untrusted_proxy_headers": True,
            "max_request_body_size": largest + 1,   # waitress refuses from this size on
            "inbuf_overflow": largest + 2}


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="run the helper for the extension (127.0.0.1 only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    p.add_argument("--no-window", action="store_true", help="do not open the desktop window")
    p.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    add_home_argument(p)
    add_district_argument(p)
    p.set_defaults(func=run)


def bind(port: int) -> socket.socket:
    """Binds the port first, so a port held by something else is a clear error, not a surprise."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Lets a helper restarted after a crash bind again while its old connections sit in TIME_WAIT;
    # on Linux and macOS a port another program listens on is still refused (Windows: see below).
    if sys.platform != "win32":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    return sock


def run(args) -> int:
    if not 1 <= args.port <= 65535:
        print(f"serve: {args.port} is not a port number", file=sys.stderr)
        return 2
    config = config_from(args)
    try:
        sock = bind(config.port)
    except OSError as exc:
        print(f"serve: cannot listen on {HOST}:{config.port} ({exc.strerror}). Is another program, or another "
              f"Social Guard helper, using it? Choose another port with --port.", file=sys.stderr)
        return 2
    app = create_app(config)
    base = f"http://{HOST}:{config.port}"
    print(f"Social Guard helper {base} (rules {app.extensions['sg.checker'].rules_version})", flush=True)
    try:
        token = app.extensions["sg.pairing"].new_login_token()
        # The address on a line of its own (CONTRACTS.md), as notebook servers print theirs.
        print("Open the helper's pages at this address (it signs you in once):", flush=True)
        print(f"{base}/ui/login?token={token}", flush=True)
    except KeyringUnavailable as exc:
        print(f"Warning: {exc} Until then browsers cannot be paired and the pages cannot be opened.", flush=True)
    print("Load the extension from dist/chrome (chrome://extensions, Developer mode, Load unpacked) or "
          "dist/firefox (about:debugging), then pair it with the code from `.venv/bin/python -m helper pair` (or the window).", flush=True)
    start_feed_refresh(config, app)
    photo_worker.shared().warm_up()   # the first photo need not wait for the workers to load
    if not args.no_window:   # the desktop window, where a display exists; a plain server elsewhere
        reason = desktop.unavailable_reason()
        if reason is None:
            return serve_with_window(app, sock, args.threads, base)
        print(f"No desktop window: {reason}. Open the helper's pages at the address above.", flush=True)
    serve(app, sockets=[sock], **waitress_options(args.threads))
    return 0


def start_feed_refresh(config, app):
    """The subscribed blocklist feeds (helper/links/feeds.py) are refreshed in a background
    thread when older than the interval; the helper answers meanwhile with the copy it has."""
    feeds = config.blocklist_feeds or subscribed(config.home)
    if not config.blocklist_refresh_hours:
        if feeds:
            print("Blocklist feeds: the refresh is off (SOCIAL_GUARD_BLOCKLIST_REFRESH_HOURS=0).", flush=True)
        return None
    if feeds:
        print(f"Blocklist feeds: {len(feeds)}, refreshed when older than {config.blocklist_refresh_hours:g} h.", flush=True)
    checker = app.extensions["sg.checker"]
    refresher = Refresher(config.home, config.blocklist_feeds, config.blocklist_refresh_hours, config.blocklist_ca_file,
                          guards=lambda: guards_for(checker.bundle, checker.store.get_settings()),
                          on_change=checker.feeds_updated, log=lambda line: print(line, flush=True))
    refresher.start()
    return refresher


def serve_with_window(app, sock, threads: int, base: str) -> int:
    """waitress in a background thread, the window on the main thread; closing the window stops the helper."""
    server = create_server(app, sockets=[sock], **waitress_options(threads))
    threading.Thread(target=server.run, name="waitress", daemon=True).start()
    try:
        url = f"{base}/ui/login?token={app.extensions['sg.pairing'].new_login_token()}"
    except KeyringUnavailable:
        url = f"{base}/ui/"   # the page explains that the keyring is missing
    print("Opening the Social Guard window. Closing it stops the helper.", flush=True)
    desktop.open_window(url)
    print("The window was closed: the helper stopped.", flush=True)
    server.close()
    return 0
