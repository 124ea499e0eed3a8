"""The only module that talks to SQLite: paired browsers, pairing codes, settings, audit events.

One connection per thread (waitress serves from a thread pool), WAL so readers never wait for the
writer, and named migrations applied in order, once each (table schema_migrations).
"""
from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from pathlib import Path

from .migrations import MIGRATIONS, statements


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
            conn.execute("PRAGMA secure_delete=ON")   # deleted rows (a removed student's name) are zeroed
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
                    for statement in filter(str.strip, statements(script)):
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
    EVENT_FIELDS = ("id", "time", "kind", "category", "rule", "site", "surface", "choice", "reason", "span_hash",
                    "decision", "findings")

    def add_events(self, events: list[dict], browser_id: int | None = None) -> int:
        """Stores validated events; an id already stored is skipped. Returns how many were new."""
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = 0
            for e in events:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO events (id, time, received_at, kind, category, rule, site, surface, choice,"
                    " reason, span_hash, browser_id, decision, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (e["id"], e["time"], time.time(), e["kind"], e.get("category"), e.get("rule"), e.get("site"),
                     e.get("surface"), e.get("choice"), e.get("reason"), e.get("span_hash"), browser_id,
                     e.get("decision"), ";".join(e["findings"]) if e.get("findings") else None))
                added += cur.rowcount
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return added

    def query_events(self, since: str | None = None, until: str | None = None, site: str | None = None,
                     category: str | None = None, kind: str | None = None, limit: int | None = None) -> list[dict]:
        where, params = _event_filter("", since, until, site, category, kind)
        sql = "SELECT * FROM events WHERE " + where + " ORDER BY time DESC, id"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [dict(r) for r in self.conn().execute(sql, params)]

    def query_decision_events(self, since: str | None = None, until: str | None = None, site: str | None = None,
                              category: str | None = None, kind: str | None = None, limit: int | None = None,
                              finding_rules: tuple[str, ...] = ()) -> tuple[list[list[dict]], bool]:
        """The latest decisions with an event that matches the filter, newest first, each as the list of
        ALL its events, oldest first; and whether more decisions match than `limit`. An event without a
        decision id (sent before decisions existed, reports, settings changed) is a decision of its own.
        `finding_rules`: the rule ids of `category`, so that a finding listed in a warning matches too."""
        where, params = _event_filter("", since, until, site, category, kind, finding_rules)
        sql = ("SELECT COALESCE('d:' || decision, 'e:' || id) AS k, MIN(time) AS t FROM events WHERE " + where
               + " GROUP BY k ORDER BY t DESC, k")
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit) + 1)
        keys = [r["k"] for r in self.conn().execute(sql, params)]
        more = bool(limit) and len(keys) > int(limit)
        keys = keys[:int(limit)] if limit else keys
        grouped: dict[str, list[dict]] = {k: [] for k in keys}
        decisions = [k[2:] for k in keys if k.startswith("d:")]
        singles = [k[2:] for k in keys if k.startswith("e:")]
        for column, values in (("decision", decisions), ("id", singles)):
            for start in range(0, len(values), 500):   # well under SQLite's limit on parameters
                chunk = values[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for row in self.conn().execute(f"SELECT * FROM events WHERE {column} IN ({marks}) ORDER BY time, id", chunk):
                    event = dict(row)
                    key = "d:" + event["decision"] if column == "decision" else "e:" + event["id"]
                    if key in grouped:
                        grouped[key].append(event)
        return [grouped[k] for k in keys if grouped[k]], more

    def delete_events_before_except(self, before: str, keep_kinds: tuple[str, ...] = ()) -> int:
        """Retention: deletes events older than `before` (ISO 8601 UTC) but those of the kinds kept."""
        marks = ",".join("?" * len(keep_kinds))
        sql = "DELETE FROM events WHERE time < ?" + (f" AND kind NOT IN ({marks})" if keep_kinds else "")
        return self.conn().execute(sql, (before, *keep_kinds)).rowcount

    def add_report(self, event: dict, actions: str, browser_id: int | None = None) -> bool:
        """Stores a 'report a mistake' record (an event of kind 'report'); False if its id exists."""
        cur = self.conn().execute(
            "INSERT OR IGNORE INTO events (id, time, received_at, kind, category, rule, site, surface, choice,"
            " reason, span_hash, browser_id, actions) VALUES (?, ?, ?, 'report', ?, NULL, ?, ?, NULL, ?, NULL, ?, ?)",
            (event["id"], event["time"], time.time(), event.get("category"), event.get("site"), event.get("surface"),
             event.get("reason"), browser_id, actions))
        return cur.rowcount == 1

    def event_by_id(self, event_id: str) -> dict | None:
        row = self.conn().execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return dict(row) if row else None

    def export_events(self, since: str | None = None, until: str | None = None, site: str | None = None,
                      category: str | None = None, kind: str | None = None):
        """Events oldest first, each with its browser's name; a generator, for exports of any size."""
        where, params = _event_filter("e.", since, until, site, category, kind)
        for row in self.conn().execute("SELECT e.*, b.name AS browser_name FROM events e LEFT JOIN browsers b "
                                       "ON b.id = e.browser_id WHERE " + where + " ORDER BY e.time, e.id", params):
            yield dict(row)

    def count_events(self) -> int:
        return self.conn().execute("SELECT COUNT(*) FROM events").fetchone()[0]

    def get_audit_setting(self, key: str, default=None):
        row = self.conn().execute("SELECT value FROM audit_settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_audit_setting(self, key: str, value) -> None:
        self.conn().execute("INSERT INTO audit_settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json.dumps(value)))

    # -- the helper's pages: training and acknowledgements, site support health -------------------
    ACK_KINDS = ("procedure", "aup", "training")

    def add_acknowledgement(self, kind: str, signed_on: str) -> None:
        """Records that the procedure or the AUP was signed, or training was done, on a date."""
        if kind not in self.ACK_KINDS:
            raise ValueError(f"unknown acknowledgement kind: {kind}")
        self.conn().execute("INSERT INTO acknowledgements (kind, signed_on, recorded_at) VALUES (?, ?, ?)",
                            (kind, signed_on, time.time()))

    def latest_acknowledgements(self) -> dict:
        """{kind: the most recently recorded date} for each kind that has one."""
        rows = self.conn().execute(
            "SELECT kind, signed_on FROM acknowledgements a WHERE id = "
            "(SELECT id FROM acknowledgements b WHERE b.kind = a.kind ORDER BY recorded_at DESC, id DESC LIMIT 1)")
        return {r["kind"]: r["signed_on"] for r in rows}

    def acknowledgement_history(self, limit: int = 50) -> list[dict]:
        rows = self.conn().execute(
            "SELECT kind, signed_on, recorded_at FROM acknowledgements ORDER BY recorded_at DESC, id DESC LIMIT ?",
            (int(limit),))
        return [dict(r) for r in rows]

    def set_site_health(self, site: str, composer_found: bool, dm_surface_found: bool, checked_at: str,
                        browser_id: int | None = None, fallback_selectors: list[str] = ()) -> None:
        self.conn().execute(
            "INSERT INTO site_health (site, browser_id, composer_found, dm_surface_found, checked_at, received_at, "
            "fallback_selectors) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(site, browser_id) DO UPDATE SET "
            "composer_found = excluded.composer_found, dm_surface_found = excluded.dm_surface_found, "
            "checked_at = excluded.checked_at, received_at = excluded.received_at, "
            "fallback_selectors = excluded.fallback_selectors",
            (site, browser_id or 0, int(bool(composer_found)), int(bool(dm_surface_found)), checked_at, time.time(),
             json.dumps(list(fallback_selectors))))

    def site_health(self) -> list[dict]:
        """The latest report per site and browser, with the browser's name where it is still paired."""
        rows = self.conn().execute(
            "SELECT h.site, h.browser_id, h.composer_found, h.dm_surface_found, h.checked_at, h.received_at, "
            "h.fallback_selectors, b.name AS browser_name FROM site_health h LEFT JOIN browsers b ON b.id = h.browser_id "
            "ORDER BY h.site, h.browser_id")
        return [dict(r, fallback_selectors=json.loads(r["fallback_selectors"])) for r in rows]

    # -- student roster: salted hashes only; helper/school/roster.py is the interface ---------------------
    def roster_salt(self) -> bytes:
        """The roster's salt, created on first use and renewed by clear_roster()."""
        row = self.conn().execute("SELECT value FROM roster_meta WHERE key = 'salt'").fetchone()
        if row:
            return bytes.fromhex(row[0])
        salt = secrets.token_bytes(32)
        self.conn().execute("INSERT OR IGNORE INTO roster_meta (key, value) VALUES ('salt', ?)", (salt.hex(),))
        return bytes.fromhex(self.conn().execute("SELECT value FROM roster_meta WHERE key = 'salt'").fetchone()[0])

    def add_roster_entries(self, entries: list[set[str]]) -> int:
        """Adds one entry per name (its key hashes); returns how many names the roster now holds."""
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            first = conn.execute("SELECT COALESCE(MAX(entry), -1) + 1 FROM roster_names").fetchone()[0]
            for i, hashes in enumerate(entries):
                conn.executemany("INSERT OR IGNORE INTO roster_names (hash, entry) VALUES (?, ?)",
                                 [(h, first + i) for h in sorted(hashes)])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return self.roster_count()

    def roster_hashes(self) -> set[str]:
        return {r[0] for r in self.conn().execute("SELECT hash FROM roster_names")}

    def roster_count(self) -> int:
        return self.conn().execute("SELECT COUNT(DISTINCT entry) FROM roster_names").fetchone()[0]

    def clear_roster(self) -> None:
        """Forgets every name and the salt (a new roster gets a new salt)."""
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM roster_names")
            conn.execute("DELETE FROM roster_meta WHERE key = 'salt'")
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise

    # -- the do-not-publish list (names, and reference faces as features only) ---------------------
    def add_do_not_publish(self, name: str, name_key: str, note: str | None = None) -> tuple[int, bool]:
        """(id, added): adds a student by name; a name already listed keeps its entry."""
        conn = self.conn()
        cur = conn.execute("INSERT OR IGNORE INTO do_not_publish (name, name_key, note, created_at) VALUES (?, ?, ?, ?)",
                           (name, name_key, note, time.time()))
        row = conn.execute("SELECT id FROM do_not_publish WHERE name_key = ?", (name_key,)).fetchone()
        return row[0], cur.rowcount == 1

    def do_not_publish(self) -> list[dict]:
        rows = self.conn().execute(
            "SELECT d.id, d.name, d.name_key, d.note, d.created_at, COUNT(f.id) AS faces FROM do_not_publish d "
            "LEFT JOIN do_not_publish_faces f ON f.student_id = d.id GROUP BY d.id ORDER BY d.name_key")
        return [dict(r) for r in rows]

    def do_not_publish_by_key(self, name_key: str) -> dict | None:
        row = self.conn().execute("SELECT * FROM do_not_publish WHERE name_key = ?", (name_key,)).fetchone()
        return dict(row) if row else None

    def remove_do_not_publish(self, name_key: str) -> bool:
        """Removes a student and their reference faces. The write-ahead log still holds the pages as
        they were before: it is checkpointed and truncated, so the name is gone from every file."""
        removed = self.conn().execute("DELETE FROM do_not_publish WHERE name_key = ?", (name_key,)).rowcount == 1
        if removed:
            self.conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed

    def add_do_not_publish_face(self, student_id: int, method: str, features: bytes) -> int:
        cur = self.conn().execute(
            "INSERT INTO do_not_publish_faces (student_id, method, features, created_at) VALUES (?, ?, ?, ?)",
            (student_id, method, features, time.time()))
        return cur.lastrowid

    def do_not_publish_faces(self, method: str | None = None) -> list[dict]:
        """[{student_id, name, method, features (bytes)}] for every reference face."""
        sql = ("SELECT f.student_id, d.name, f.method, f.features FROM do_not_publish_faces f "
               "JOIN do_not_publish d ON d.id = f.student_id")
        params = ()
        if method:
            sql += " WHERE f.method = ?"
            params = (method,)
        return [dict(r) for r in self.conn().execute(sql + " ORDER BY f.id", params)]


def _event_filter(prefix: str, since=None, until=None, site=None, category=None, kind=None,
                  finding_rules: tuple[str, ...] = ()) -> tuple[str, list]:
    """The WHERE clause (and its parameters) of an events query; a category also matches its
    subcategories (pii matches pii.phone) and, given `finding_rules` (that category's rule ids), a
    warning that lists one of them among its findings. `prefix` is the table's alias and a dot, or ""."""
    clauses, params = ["1=1"], []
    for clause, value in (("time >= ?", since), ("time < ?", until), ("site = ?", site), ("kind = ?", kind)):
        if value:
            clauses.append(prefix + clause)
            params.append(value)
    if category:
        listed = "".join(f" OR (';' || {prefix}findings || ';') LIKE ? ESCAPE '\\'" for _ in finding_rules)
        clauses.append(f"({prefix}category = ? OR {prefix}category LIKE ?{listed})")
        params += [category, category + ".%", *(f"%;{_like_literal(rule)};%" for rule in finding_rules)]
    return " AND ".join(clauses), params


def _like_literal(text: str) -> str:
    """`text` matched as itself by LIKE ... ESCAPE '\\' (rule ids hold '_', LIKE's any-one-character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
