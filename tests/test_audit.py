"""The audit log: retention (reports kept), CSV and JSON Lines exports, and "report a mistake"
through the API and the command line."""
import csv
import io
import json
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from tests.support.paths import ROOT

from helper.audit import downloads, events as audit


def event(days_ago: float = 0, **overrides):
    t = datetime.now(timezone.utc) - timedelta(days=days_ago)
    base = {"id": str(uuid.uuid4()), "time": t.isoformat(), "kind": "warning_shown", "category": "pii.phone",
            "rule": "pii.phone.us", "site": "facebook", "surface": "post"}
    return {**base, **overrides}


def cli(config, *args, input=None):
    return subprocess.run([sys.executable, "-m", "helper", *args, "--home", str(config.home)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, input=input)


@pytest.fixture
def store(app):
    return app.extensions["sg.store"]


def test_retention_deletes_old_events_but_never_reports(app, client, auth, store):
    old, recent = event(days_ago=40), event(days_ago=10)
    client.post("/v1/events", json={"events": [old, recent]}, headers=auth)
    r = client.post("/v1/reports", json={"site": "x", "category": "pii.student",
                                         "time": (datetime.now(timezone.utc) - timedelta(days=400)).isoformat()},
                    headers=auth)
    report_id = r.get_json()["id"]
    assert audit.retention_days(store) == audit.DEFAULT_RETENTION_DAYS
    assert audit.prune(store) == 0
    assert audit.set_retention_days(store, 30) == 1
    ids = {e["id"] for e in store.export_events()}
    assert ids == {recent["id"], report_id}
    assert audit.set_retention_days(store, 0) == 0 and audit.prune(store) == 0
    for bad in (-1, 3651, "30", 2.5, True, None):
        with pytest.raises(audit.EventError, match="retention"):
            audit.set_retention_days(store, bad)
    assert audit.retention_days(store) == 0


def test_new_events_prune_the_log_when_due(app, client, auth, store):
    store.set_audit_setting("retention_days", 7)
    client.post("/v1/events", json=event(days_ago=8), headers=auth)   # pruned right away: the first prune is due
    assert store.count_events() == 0
    client.post("/v1/events", json=event(days_ago=8), headers=auth)   # the next prune is an hour away
    assert store.count_events() == 1


def test_retention_command(config, app):
    assert "kept for 365 days" in cli(config, "audit", "retention").stdout
    result = cli(config, "audit", "retention", "90")
    assert result.returncode == 0 and "kept for 90 days" in result.stdout
    assert "kept for 90 days" in cli(config, "audit", "retention").stdout
    bad = cli(config, "audit", "retention", "99999")
    assert bad.returncode == 2 and "retention must be" in bad.stderr


def test_exports_have_the_documented_fields_oldest_first(app, client, auth, store):
    events = [event(days_ago=2), event(days_ago=1, kind="choice", choice="continue", reason="=HYPERLINK(\"x\")",
                                       span_hash="ab" * 8), event(days_ago=3, site="x")]
    client.post("/v1/events", json={"events": events}, headers=auth)
    out = io.StringIO()
    assert downloads.export(store, out, "csv") == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == downloads.EXPORT_FIELDS
    assert [r[0] for r in rows[1:]] == [events[2]["id"], events[0]["id"], events[1]["id"]]
    choice = dict(zip(rows[0], rows[2 + 1]))
    assert choice["reason"] == "'=HYPERLINK(\"x\")"        # a spreadsheet shows it, never runs it
    assert choice["choice"] == "continue" and choice["browser"] == "Test browser" and choice["actions"] == ""
    assert choice["time"].endswith("Z") and choice["received_at"].endswith("Z")

    out = io.StringIO()
    downloads.export(store, out, "jsonl", site="facebook")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [tuple(line) for line in lines] == [downloads.EXPORT_FIELDS] * 2
    assert lines[1]["reason"] == "=HYPERLINK(\"x\")" and lines[1]["span_hash"] == "ab" * 8
    assert lines[0]["browser_id"] == lines[1]["browser_id"] and lines[0]["choice"] is None
    with pytest.raises(audit.EventError):
        downloads.export(store, io.StringIO(), "xml")


def test_export_command_writes_a_file_and_filters(config, app, client, auth, tmp_path):
    events = [event(days_ago=5, category="pii.email", rule="pii.email"), event(days_ago=1)]
    client.post("/v1/events", json={"events": events}, headers=auth)
    app.extensions["sg.store"].close()
    target = tmp_path / "log.csv"
    result = cli(config, "audit", "export", "--format", "csv", "--out", str(target))
    assert result.returncode == 0 and "Wrote 2 events" in result.stderr
    assert len(target.read_text().strip().splitlines()) == 3
    since = (datetime.now(timezone.utc) - timedelta(days=3)).date().isoformat()
    result = cli(config, "audit", "export", "--format", "jsonl", "--since", since)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [events[1]["id"]]
    result = cli(config, "audit", "export", "--format", "jsonl", "--category", "pii")
    assert len(result.stdout.splitlines()) == 2
    for bound in ("last week", "9999-12-31T23:59:59-23:59"):
        bad = cli(config, "audit", "export", "--since", bound)
        assert bad.returncode == 2 and "--since" in bad.stderr


def test_reporting_a_mistake_through_the_api(app, client, auth, store):
    body = {"site": "facebook", "surface": "post", "category": "pii.student", "actions": ["removed", "apologized"],
            "description": "posted a class list with a student's address; removed it"}
    r = client.post("/v1/reports", json=body, headers=auth)
    assert r.status_code == 201
    answer = r.get_json()
    assert answer["stored"] is True and answer["report_to"] == "the Superintendent's office"
    assert "Superintendent's office" in answer["message"] and "removed, apologized" in answer["message"]
    [row] = [e for e in store.export_events(kind="report")]
    assert row["id"] == answer["id"] and row["actions"] == "removed;apologized" and row["category"] == "pii.student"
    # Sending it again with its id records nothing twice.
    again = client.post("/v1/reports", json={**body, "id": answer["id"]}, headers=auth)
    assert again.status_code == 200 and again.get_json()["stored"] is False
    assert again.get_json()["message"] == answer["message"]
    assert store.count_events() == 1


def test_bad_reports_are_refused(client, auth, store):
    ev = event()
    client.post("/v1/events", json=ev, headers=auth)
    for body, message in (({"site": "x"}, "'category' is required"), ({"category": "pii.phone"}, "'site' is required"),
                          ({"site": "x", "category": "pii.phone", "text": "the post"}, "post's text"),
                          ({"site": "x", "category": "pii.phone", "actions": ["deleted"]}, "'actions'"),
                          ({"site": "x", "category": "pii.phone", "actions": "removed"}, "'actions'"),
                          ({"site": "x", "category": "pii.phone", "description": "x" * 1001}, "longer than 1000"),
                          ({"site": "x", "category": "pii.phone", "id": ev["id"]}, "another event"),
                          ({"site": "x", "category": "pii.phone", "when": "now"}, "unknown field"),
                          ([], "JSON object")):
        r = client.post("/v1/reports", json=body, headers=auth)
        assert r.status_code == 422 and message in r.get_json()["error"], body
    assert client.post("/v1/reports", json={"site": "x", "category": "pii.phone"}).status_code == 401
    assert store.count_events() == 1


def test_report_command_records_and_prints_what_to_send(config, app):
    result = cli(config, "audit", "report", "--site", "instagram", "--category", "confidential",
                 "--action", "removed", "--description", "shared an IEP meeting note by mistake")
    assert result.returncode == 0, result.stderr
    assert "Superintendent's office" in result.stdout and "confidential" in result.stdout
    exported = cli(config, "audit", "export", "--format", "jsonl", "--kind", "report")
    [row] = [json.loads(line) for line in exported.stdout.splitlines()]
    assert row["kind"] == "report" and row["site"] == "instagram" and row["actions"] == "removed"
    assert row["reason"] == "shared an IEP meeting note by mistake" and row["browser_id"] is None
    bad = cli(config, "audit", "report", "--site", "instagram", "--category", "confidential", "--time", "soon")
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr


# -- "Not a problem?" (false_positive events) --------------------------------------------------------------
def test_false_positive_events_are_stored_without_choice_or_text(client, auth, store):
    marked = event(kind="false_positive", rule="pii.phone.us")
    r = client.post("/v1/events", json=marked, headers=auth)
    assert r.status_code == 200 and r.get_json()["added"] == 1
    kept = store.event_by_id(marked["id"])
    assert kept["kind"] == "false_positive" and kept["rule"] == "pii.phone.us" and kept["site"] == "facebook"
    for bad in (event(kind="false_positive", choice="edit"), event(kind="false_positive", reason="I know her"),
                event(kind="false_positive", text="call me at 309-555-0142")):
        r = client.post("/v1/events", json=bad, headers=auth)
        assert r.status_code == 422, bad
        assert store.event_by_id(bad["id"]) is None


def test_false_positives_are_counted_per_rule_with_the_warnings_of_that_rule(client, auth, store):
    sent = ([event(rule="pii.phone.us") for _ in range(4)] + [event(kind="false_positive", rule="pii.phone.us")] * 1
            + [event(kind="false_positive", rule="pii.phone.us")]
            + [event(rule="pii.schedule", category="pii.schedule"),
               event(kind="false_positive", rule="pii.schedule", category="pii.schedule")]
            + [event(rule="link.shortener", category="link.shortener")])
    r = client.post("/v1/events", json={"events": sent}, headers=auth)
    assert r.get_json()["added"] == len(sent)
    rows = downloads.false_positives_by_rule(store.query_events())
    assert [(r["rule"], r["false_positives"], r["warnings"]) for r in rows] == [
        ("pii.phone.us", 2, 4), ("pii.schedule", 1, 1)]
    assert rows[0]["share"] == 0.5 and rows[0]["category"] == "pii.phone"
    out = io.StringIO()
    assert downloads.export_false_positives(store, out) == 2
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert table == [{"rule": "pii.phone.us", "category": "pii.phone", "false_positives": "2", "warnings": "4"},
                     {"rule": "pii.schedule", "category": "pii.schedule", "false_positives": "1", "warnings": "1"}]


def test_the_district_export_carries_a_per_rule_count_of_false_positives(client, auth, store, tmp_path):
    from helper.audit import export as audit_export
    sent = [event(days_ago=0.3, kind="false_positive", rule="pii.phone.us"), event(days_ago=0.2),
            event(days_ago=0.1, kind="false_positive", rule="pii.phone.us"),
            event(days_ago=0.05, kind="false_positive", rule="pii.schedule", category="pii.schedule")]
    assert client.post("/v1/events", json={"events": sent}, headers=auth).get_json()["added"] == 4
    target = tmp_path / "export.jsonl"
    audit_export.configure(store, "jsonl", str(target))
    assert audit_export.run(store) == 4
    records = [json.loads(line) for line in target.read_text().splitlines()]
    marked = [(r["rule"], r["rule_false_positives"]) for r in records if r["kind"] == "false_positive"]
    assert marked == [("pii.phone.us", 1), ("pii.phone.us", 2), ("pii.schedule", 1)]
    assert not any("rule_false_positives" in r for r in records if r["kind"] != "false_positive")
    line = audit_export.to_syslog(records[2])
    assert "pii.phone.us marked not a problem (2 so far)" in line


def test_named_sites_are_stored_by_name(client, auth, store):
    tiktok = event(site="tiktok", category="unapproved_channel", rule="channel.unapproved", surface="unknown")
    assert client.post("/v1/events", json=tiktok, headers=auth).status_code == 200
    assert store.event_by_id(tiktok["id"])["site"] == "tiktok"
    assert client.post("/v1/events", json=event(site="myspace"), headers=auth).status_code == 422


# -- one row per decision ----------------------------------------------------------------------------
def dialog(minutes_ago: float, *answers, site="facebook", findings=("pii.phone.us", "pii.ssn"), shown=True, **fields):
    """The events one warning dialog sends: its warning (listing every finding), then each answer."""
    decision = str(uuid.uuid4())
    t = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    main = {"category": "pii.ssn", "rule": "pii.ssn", "site": site, "decision": decision, **fields}
    events = [event(time=t.isoformat(), findings=list(findings), **main)] if shown else []
    for i, extra in enumerate(answers):
        events.append(event(time=(t + timedelta(seconds=i + 1)).isoformat(), **{**main, **extra}))
    return decision, events


def decisions(app, store, **query):
    from helper.audit import decisions as audit_decisions
    known = audit_decisions.rule_categories(app.extensions["sg.checker"].bundle)
    rules = audit_decisions.rules_of(query["category"], known) if query.get("category") else ()
    groups, _more = store.query_decision_events(limit=50, finding_rules=rules, **query)
    return {d["key"]: d for d in (audit_decisions.build(g, known) for g in groups)}


def test_each_dialog_is_one_decision_with_all_its_findings_and_its_outcome(app, client, auth, store):
    posted, a = dialog(50, {"kind": "choice", "choice": "post_anyway", "reason": "district_account"})
    edited, b = dialog(40, {"kind": "choice", "choice": "edit"})
    ignored, c = dialog(30)
    wrong, d = dialog(20, {"kind": "false_positive", "rule": "pii.phone.us", "category": "pii.phone"})
    hint, e = dialog(10, {"kind": "false_positive", "rule": "pii.email", "category": "pii.email"}, shown=False)
    old = event(days_ago=1)                                       # sent before decisions: a row of its own
    assert client.post("/v1/events", json={"events": a + b + c + d + e + [old]}, headers=auth).status_code == 200
    rows = decisions(app, store)
    assert list(rows) == [hint, wrong, ignored, edited, posted, old["id"]]     # newest first, one each
    assert rows[posted]["categories"] == ["pii.ssn", "pii.phone"]
    assert rows[posted]["findings"] == ["pii.phone.us", "pii.ssn"]
    assert rows[posted]["answers"] == [("post_anyway", "district_account")]
    assert [rows[k]["outcome"] for k in (posted, edited, ignored, wrong)] == [
        "posted_anyway", "edited", "no_answer", "not_a_problem"]
    assert rows[posted]["time"] == store.event_by_id(a[0]["id"])["time"]        # when the warning was shown
    assert rows[hint]["kind"] == "decision" and not rows[hint]["shown"]
    assert rows[old["id"]]["kind"] == "warning_shown" and rows[old["id"]]["decision"] is None
    # The charts count each decision once, by its outcome; the old event is a warning with no answer.
    from helper.web import chart_svg as pages_charts
    counts = pages_charts.outcomes(list(store.export_events()))
    assert counts == {"warnings": 5, "posted_anyway": 1, "edited": 1, "dismissed": 0, "not_a_problem": 2,
                      "no_answer": 2}


def test_the_log_filters_decisions_by_any_of_their_findings_kind_and_site(app, client, auth, store):
    phone_too, a = dialog(30, {"kind": "choice", "choice": "edit"})                 # main category pii.ssn
    ssn_only, b = dialog(20, {"kind": "choice", "choice": "edit"}, findings=("pii.ssn",))
    tiktok, c = dialog(10, site="tiktok", findings=("channel.unapproved",), category="unapproved_channel",
                       rule="channel.unapproved", surface="unknown")
    assert client.post("/v1/events", json={"events": a + b + c}, headers=auth).status_code == 200
    # Listed among a warning's findings is enough: the whole decision comes, its choice too.
    rows = decisions(app, store, category="pii.phone")
    assert list(rows) == [phone_too] and len(rows[phone_too]["events"]) == 2
    assert set(decisions(app, store, category="pii")) == {phone_too, ssn_only}
    assert set(decisions(app, store, kind="choice")) == {phone_too, ssn_only}
    assert list(decisions(app, store, site="tiktok")) == [tiktok]
    assert decisions(app, store, site="tiktok")[tiktok]["categories"] == ["unapproved_channel"]


def test_photo_answers_are_each_logged_as_what_they_were(app, client, auth, store):
    photo = {"category": "image.student_photo", "rule": "image.faces"}
    place = {"category": "image.location", "rule": "image.gps"}
    added, a = dialog(20, {"kind": "choice", "choice": "continue", "reason": "consent_on_file", **photo},
                      {"kind": "choice", "choice": "post_anyway", "reason": "kept_location", **place},
                      findings=("image.faces", "image.gps"))
    kept_out, b = dialog(10, {"kind": "choice", "choice": "edit", "reason": "no_consent", **photo},
                         {"kind": "choice", "choice": "edit", "reason": "remove_location", **place},
                         findings=("image.faces", "image.gps"))
    events = [{**e, **photo} if e["kind"] == "warning_shown" else e for e in a + b]
    r = client.post("/v1/events", json={"events": events}, headers=auth)
    assert r.status_code == 200 and r.get_json()["added"] == 6
    rows = decisions(app, store)
    assert rows[added]["categories"] == ["image.student_photo", "image.location"]
    assert rows[added]["answers"] == [("continue", "consent_on_file"), ("post_anyway", "kept_location")]
    assert rows[added]["outcome"] == "posted_anyway"
    assert rows[kept_out]["answers"] == [("edit", "no_consent"), ("edit", "remove_location")]
    assert rows[kept_out]["outcome"] == "edited"
    assert set(audit.REASON_CODES) >= {"consent_on_file", "no_consent", "kept_location", "remove_location"}


def test_exports_add_the_decision_and_findings_at_the_end(app, client, auth, store):
    decision, events = dialog(5, {"kind": "choice", "choice": "edit"})
    client.post("/v1/events", json={"events": events}, headers=auth)
    assert downloads.EXPORT_FIELDS[-2:] == ("decision", "findings")
    assert downloads.EXPORT_FIELDS[:14] == ("id", "time", "received_at", "kind", "category", "rule", "site", "surface",
                                        "choice", "reason", "span_hash", "actions", "browser_id", "browser")
    out = io.StringIO()
    downloads.export(store, out, "csv")
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["decision"] for r in table] == [decision, decision]
    assert [r["findings"] for r in table] == ["pii.phone.us;pii.ssn", ""]


def test_each_reason_code_has_a_name_on_the_page():
    from helper.web import labels
    assert set(labels.REASON_NAMES) == set(audit.REASON_CODES)
