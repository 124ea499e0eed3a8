"""The store's schema: named SQLite migrations, applied in order and once each by Store."""
from __future__ import annotations

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
    # "report a mistake" records (kind 'report') list what was done about the mistake;
    # the audit log's own settings (retention) live apart from the engine's settings.
    ("audit-reports-retention", """
    ALTER TABLE events ADD COLUMN actions TEXT;   -- reports: removed,corrected,apologized
    CREATE INDEX events_kind_time ON events(kind, time);
    CREATE TABLE audit_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """),
    # the helper's pages: training and acknowledgement records, and site support health.
    ("pages-training-site-health", """
    CREATE TABLE acknowledgements (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,              -- procedure | aup | training
        signed_on TEXT NOT NULL,         -- a date, YYYY-MM-DD
        recorded_at REAL NOT NULL
    );
    CREATE INDEX acknowledgements_kind ON acknowledgements(kind, signed_on);
    CREATE TABLE site_health (
        site TEXT NOT NULL,
        browser_id INTEGER NOT NULL,     -- 0 when not known
        composer_found INTEGER NOT NULL,
        dm_surface_found INTEGER NOT NULL,
        checked_at TEXT NOT NULL,        -- ISO 8601, as the extension sent it
        received_at REAL NOT NULL,
        PRIMARY KEY (site, browser_id)
    );
    """),
    # the student roster, as salted keyed hashes of name keys only, so no name is stored (helper/school/roster.py).
    ("student-roster", """
    CREATE TABLE roster_names (
        hash TEXT PRIMARY KEY,           -- blake2b(name key, key=salt): never the name
        entry INTEGER NOT NULL           -- which roster line it came from (for the count)
    );
    CREATE TABLE roster_meta (
        key TEXT PRIMARY KEY,            -- 'salt'
        value TEXT NOT NULL
    );
    """),
    # the district's do-not-publish list (students whose guardians declined photo consent)
    # and, where the district supplied reference photos, their faces as LBP histograms: never the photo.
    ("do-not-publish", """
    CREATE TABLE do_not_publish (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,              -- shown in the warning: the helper warns by name
        name_key TEXT NOT NULL UNIQUE,   -- the name as compared (helper.photos name_key)
        note TEXT,
        created_at REAL NOT NULL
    );
    CREATE TABLE do_not_publish_faces (
        id INTEGER PRIMARY KEY,
        student_id INTEGER NOT NULL REFERENCES do_not_publish(id) ON DELETE CASCADE,
        method TEXT NOT NULL,            -- how the features were computed (images.FEATURE_METHOD)
        features BLOB NOT NULL,          -- float32 LBP histograms of the reference face
        created_at REAL NOT NULL
    );
    CREATE INDEX do_not_publish_faces_student ON do_not_publish_faces(student_id);
    """),
    # Site support also says when a DM or share surface was found only by a legacy selector.
    ("site-health-fallback", """
    ALTER TABLE site_health ADD COLUMN fallback_selectors TEXT NOT NULL DEFAULT '[]';   -- JSON list
    """),
    # One row per decision in the audit log: every event of one warning dialog carries its id.
    ("audit-decisions", """
    ALTER TABLE events ADD COLUMN decision TEXT;     -- the dialog's UUID; NULL for events sent before
    ALTER TABLE events ADD COLUMN findings TEXT;     -- warning_shown: every finding's rule id, ';'-separated
    CREATE INDEX events_decision ON events(decision);
    """),
]


def statements(script: str) -> list[str]:
    """Splits a migration into statements (comments dropped; no ';' inside strings in migrations)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return "\n".join(lines).split(";")
