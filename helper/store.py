"""The only module that talks to SQLite: paired browsers, pairing codes, settings, audit events.

One connection per thread (waitress serves from a thread pool), WAL so readers never wait for the
writer, and named migrations applied in order, once each (table schema_migrations).
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

# (name, SQL) in the order they apply. Append new ones; never edit one that has shipped.
MIGRATIONS: list[tuple[str, str]] = [
    ("foundation", """
    CREATE TABLE browsers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        origin TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at REAL NOT NULL,
        last_seen REAL,
        revoked_at REAL
    );
    CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
    );
    CREATE TABLE login_tokens (
        token_hash TEXT PRIMARY KEY,
        expires_at REAL NOT NULL,
        used_at REAL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """),
    ("audit-events", """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,             -- the sender's UUID: a retried event is stored once
        time TEXT NOT NULL,              -- ISO 8601, UTC
        received_at REAL NOT NULL,
        kind TEXT NOT NULL,              -- warning_shown | choice | report
        category TEXT,
        rule TEXT,
        site TEXT,
        surface TEXT,
        choice TEXT,                     -- edit | post_anyway | go_back | continue | dismiss
        reason TEXT,                     -- the user's own words, only when they chose to give one
        span_hash TEXT,                  -- a keyed hash of the matched text, never the text
        browser_id INTEGER
    );
    CREATE INDEX events_time ON events(time);
    CREATE INDEX events_category ON events(category);
    """),
]


def _statements(script: str) -> list[str]:
    """Splits a migration into statements (comments dropped; no ';' inside strings in migrations)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return "\n".join(lines).split(";")


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._migrate()

    # -- plumbing -------------------------------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    def _migrate(self) -> None:
        conn = self.conn()
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
        done = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
        for name, script in MIGRATIONS:
            if name in done:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone() is None:
                    for statement in filter(str.strip, _statements(script)):
                        conn.execute(statement)
                    conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (name, time.time()))
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- browsers ---------------------------------------------------------------------------------
    def add_browser(self, name: str, origin: str, token_hash: str) -> int:
        cur = self.conn().execute(
            "INSERT INTO browsers (name, origin, token_hash, created_at) VALUES (?, ?, ?, ?)",
            (name, origin, token_hash, time.time()))
        return cur.lastrowid

    def browser_by_token_hash(self, token_hash: str) -> dict | None:
        row = self.conn().execute(
            "SELECT * FROM browsers WHERE token_hash = ? AND revoked_at IS NULL", (token_hash,)).fetchone()
        return dict(row) if row else None

    def browsers(self, include_revoked: bool = False) -> list[dict]:
        sql = "SELECT id, name, origin, created_at, last_seen, revoked_at FROM browsers"
        if not include_revoked:
            sql += " WHERE revoked_at IS NULL"
        return [dict(r) for r in self.conn().execute(sql + " ORDER BY id")]

    def paired_origins(self) -> set[str]:
        rows = self.conn().execute("SELECT DISTINCT origin FROM browsers WHERE revoked_at IS NULL")
        return {r[0] for r in rows}

    def touch_browser(self, browser_id: int) -> None:
        self.conn().execute("UPDATE browsers SET last_seen = ? WHERE id = ?", (time.time(), browser_id))

    def revoke_browser(self, browser_id: int) -> bool:
        cur = self.conn().execute(
            "UPDATE browsers SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (time.time(), browser_id))
        return cur.rowcount == 1

    # -- one-time codes (pairing codes and page-login tokens) ------------------------------------
    def add_pairing_code(self, code_hash: str, ttl: float) -> None:
        now = time.time()
        self.conn().execute("DELETE FROM pairing_codes WHERE expires_at < ?", (now - 3600,))
        self.conn().execute("INSERT INTO pairing_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)",
                            (code_hash, now, now + ttl))

    def use_pairing_code(self, code_hash: str) -> bool:
        """Marks a valid, unused, unexpired code used; True when it was one."""
        cur = self.conn().execute(
            "UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at >= ?",
            (time.time(), code_hash, time.time()))
        return cur.rowcount == 1

    def add_login_token(self, token_hash: str, ttl: float) -> None:
        now = time.time()
        self.conn().execute("DELETE FROM login_tokens WHERE expires_at < ?", (now - 3600,))
        self.conn().execute("INSERT INTO login_tokens (token_hash, expires_at) VALUES (?, ?)",
                            (token_hash, now + ttl))

    def use_login_token(self, token_hash: str) -> bool:
        cur = self.conn().execute(
            "UPDATE login_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at >= ?",
            (time.time(), token_hash, time.time()))
        return cur.rowcount == 1

    # -- settings ---------------------------------------------------------------------------------
    def get_settings(self) -> dict:
        return {r["key"]: json.loads(r["value"]) for r in self.conn().execute("SELECT key, value FROM settings")}

    def set_settings(self, values: dict) -> None:
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            for key, value in values.items():
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json.dumps(value)))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise

    # -- audit events (never the draft's text) ------------------------------------------------------
    EVENT_FIELDS = ("id", "time", "kind", "category", "rule", "site", "surface", "choice", "reason", "span_hash")

    def add_events(self, events: list[dict], browser_id: int | None = None) -> int:
        """Stores validated events; an id already stored is skipped. Returns how many were new."""
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = 0
            for e in events:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO events (id, time, received_at, kind, category, rule, site, surface, choice,"
                    " reason, span_hash, browser_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (e["id"], e["time"], time.time(), e["kind"], e.get("category"), e.get("rule"), e.get("site"),
                     e.get("surface"), e.get("choice"), e.get("reason"), e.get("span_hash"), browser_id))
                added += cur.rowcount
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return added

    def query_events(self, since: str | None = None, until: str | None = None, site: str | None = None,
                     category: str | None = None, limit: int | None = None) -> list[dict]:
        sql, params = "SELECT * FROM events WHERE 1=1", []
        for clause, value in (("time >= ?", since), ("time < ?", until), ("site = ?", site)):
            if value:
                sql += " AND " + clause
                params.append(value)
        if category:
            sql += " AND (category = ? OR category LIKE ?)"
            params += [category, category + ".%"]
        sql += " ORDER BY time DESC, id"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [dict(r) for r in self.conn().execute(sql, params)]

    def delete_events_before(self, before: str) -> int:
        return self.conn().execute("DELETE FROM events WHERE time < ?", (before,)).rowcount
