"""Signed rule packs (helper/rules/packs.py and install.py, `python -m helper rules keygen|sign|verify|install|status`):
a good pack is accepted and used; a tampered, foreign-key, broken or older pack is refused, and the
last good pack stays in use."""
from __future__ import annotations

import base64
import http.server
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helper.rules import packs as rulepack
from helper.rules.packs import PackError, sign_pack
from helper.rules.install import PackStore

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "shared_rules"
SHIPPED_VERSION = json.loads((SHIPPED / "rules.json").read_text(encoding="utf-8"))["version"]
V_OLD, V2, V3 = "2020.1.1.1", "2099.1.1.1", "2099.1.2.1"


def cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOCIAL_GUARD_HOME=str(home))
    env.pop("SOCIAL_GUARD_RULEPACK_DIR", None)
    return subprocess.run([sys.executable, "-m", "helper", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    result = cli(folder / "home", "rules", "keygen", str(folder))
    assert result.returncode == 0, result.stderr
    return folder / "rules.key", folder / "rules.pub"


@pytest.fixture(scope="module")
def packs(keys, tmp_path_factory):
    """Signed packs of the shipped rules at several versions, signed once for the module."""
    folder = tmp_path_factory.mktemp("packs")
    out = {}
    for name, version in (("old", V_OLD), ("v2", V2), ("v3", V3)):
        out[name] = folder / f"{name}.signed"
        sign_pack(SHIPPED, keys[0], out[name], version=version)
    return out


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def tamper_payload(src: Path, dst: Path, change) -> Path:
    """A copy of a signed pack whose payload was changed after signing (the signature kept)."""
    signed = json.loads(src.read_text(encoding="utf-8"))
    payload = json.loads(base64.b64decode(signed["payload"]))
    change(payload)
    signed["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()
    dst.write_text(json.dumps(signed), encoding="utf-8")
    return dst


def resign(payload: dict, key_path: Path, dst: Path) -> Path:
    """Signs an arbitrary payload with the real key: for packs that are signed but bad inside."""
    key = rulepack.load_private_key(key_path)
    raw = rulepack.canonical_bytes(payload)
    dst.write_text(json.dumps({"format": rulepack.FORMAT, "key_id": rulepack.key_id(key.public_key()),
                               "payload": base64.b64encode(raw).decode(),
                               "signature": base64.b64encode(key.sign(rulepack.FORMAT.encode() + b"\n" + raw)).decode()}))
    return dst


def payload_of(path: Path) -> dict:
    return json.loads(base64.b64decode(json.loads(path.read_text(encoding="utf-8"))["payload"]))


# ---- keygen -------------------------------------------------------------------------------------------
def test_keygen_writes_a_private_key_only_its_owner_reads_and_a_public_key(keys, tmp_path):
    key, pub = keys
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in key.read_bytes() and b"PUBLIC KEY" in pub.read_bytes()
    assert rulepack.key_id(rulepack.load_private_key(key).public_key()) == rulepack.key_id(rulepack.load_public_key(pub))
    # A second keygen into the same folder never silently replaces the district's key.
    again = cli(tmp_path / "home", "rules", "keygen", str(key.parent))
    assert again.returncode != 0 and "exists already" in again.stderr
    assert rulepack.key_id(rulepack.load_private_key(key).public_key()) == rulepack.key_id(rulepack.load_public_key(pub))


# ---- the contract: verify -------------------------------------------------------------------------------
def test_verify_accepts_a_good_pack(keys, packs, home):
    result = cli(home, "rules", "verify", str(packs["v2"]), "--pubkey", str(keys[1]))
    assert result.returncode == 0, result.stderr
    assert V2 in result.stdout


def test_verify_refuses_a_pack_changed_after_signing(keys, packs, home, tmp_path):
    def loosen(payload):
        district = json.loads(payload["files"]["district.json"])
        district["approved_channels"].append("tiktok.com")
        payload["files"]["district.json"] = json.dumps(district)
    bad = tamper_payload(packs["v2"], tmp_path / "tampered.signed", loosen)
    result = cli(home, "rules", "verify", str(bad), "--pubkey", str(keys[1]))
    assert result.returncode != 0
    assert "signature does not match" in result.stderr


def test_verify_refuses_a_flipped_signature_and_a_foreign_key(keys, packs, home, tmp_path):
    signed = json.loads(packs["v2"].read_text())
    sig = bytearray(base64.b64decode(signed["signature"]))
    sig[0] ^= 1
    signed["signature"] = base64.b64encode(bytes(sig)).decode()
    flipped = tmp_path / "flipped.signed"
    flipped.write_text(json.dumps(signed))
    result = cli(home, "rules", "verify", str(flipped), "--pubkey", str(keys[1]))
    assert result.returncode != 0 and "signature" in result.stderr

    other_key, other_pub = rulepack.keygen(tmp_path / "other")
    foreign = tmp_path / "foreign.signed"
    sign_pack(SHIPPED, other_key, foreign, version=V2)
    result = cli(home, "rules", "verify", str(foreign), "--pubkey", str(keys[1]))
    assert result.returncode != 0 and "another key" in result.stderr


def test_verify_refuses_a_pack_older_than_the_one_in_use(keys, packs, home):
    # Older than the shipped rules, with nothing installed.
    result = cli(home, "rules", "verify", str(packs["old"]), "--pubkey", str(keys[1]))
    assert result.returncode != 0 and "older" in result.stderr and SHIPPED_VERSION in result.stderr
    # Older than the installed pack.
    assert cli(home, "rules", "install", str(packs["v3"]), "--pubkey", str(keys[1])).returncode == 0
    result = cli(home, "rules", "verify", str(packs["v2"]), "--pubkey", str(keys[1]))
    assert result.returncode != 0 and "older" in result.stderr and V3 in result.stderr
    # The same version again is fine (a scheduled task downloads the same file every day).
    assert cli(home, "rules", "verify", str(packs["v3"]), "--pubkey", str(keys[1])).returncode == 0


def test_verify_refuses_not_a_pack_with_a_reason(keys, home, tmp_path):
    junk = tmp_path / "junk.signed"
    junk.write_text("<html>404 not found</html>")
    result = cli(home, "rules", "verify", str(junk), "--pubkey", str(keys[1]))
    assert result.returncode != 0 and "not a signed rule pack" in result.stderr


# ---- signed, but bad inside ------------------------------------------------------------------------------------
def test_a_signed_pack_with_a_file_outside_the_rules_is_refused(keys, packs, tmp_path):
    payload = payload_of(packs["v2"])
    payload["files"]["../../.bashrc"] = "echo owned"
    bad = resign(payload, keys[0], tmp_path / "escape.signed")
    with pytest.raises(PackError, match="may not"):
        rulepack.verify_bytes(bad.read_bytes(), rulepack.load_public_key(keys[1]))


def test_a_signed_pack_whose_rules_do_not_lint_is_refused(keys, packs, tmp_path):
    payload = payload_of(packs["v2"])
    rules = json.loads(payload["files"]["rules.json"])
    rules["rules"][2]["match"]["pattern"] = "(a+)+$"          # catastrophic backtracking
    payload["files"]["rules.json"] = json.dumps(rules)
    bad = resign(payload, keys[0], tmp_path / "redos.signed")
    with pytest.raises(PackError, match="backtrack"):
        rulepack.verify_bytes(bad.read_bytes(), rulepack.load_public_key(keys[1]))


def test_a_pack_whose_version_disagrees_with_its_rules_is_refused(keys, packs, tmp_path):
    payload = payload_of(packs["v2"])
    payload["version"] = "2099.12.31.9"
    bad = resign(payload, keys[0], tmp_path / "liar.signed")
    with pytest.raises(PackError, match="rules.json says"):
        rulepack.verify_bytes(bad.read_bytes(), rulepack.load_public_key(keys[1]))


def test_the_same_version_with_other_contents_is_refused(keys, packs, home, tmp_path):
    assert cli(home, "rules", "install", str(packs["v2"]), "--pubkey", str(keys[1])).returncode == 0
    copy = tmp_path / "rules"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("vectors"))
    district = json.loads((copy / "district.json").read_text())
    district["mode"] = "block"
    (copy / "district.json").write_text(json.dumps(district, indent=2) + "\n")
    changed = tmp_path / "changed.signed"
    sign_pack(copy, keys[0], changed, version=V2)
    result = cli(home, "rules", "install", str(changed), "--pubkey", str(keys[1]))
    assert result.returncode != 0 and "already installed with other contents" in result.stderr


# ---- install: the last good pack stays -----------------------------------------------------------------------
def checker_version(home: Path, keyring_service: str) -> str:
    from helper.app import create_app
    from helper.config import Config
    app = create_app(Config(home=home, port=47999, keyring_service=keyring_service, testing=True))
    try:
        client = app.test_client()
        health = client.get("/v1/health", base_url="http://127.0.0.1:47999").get_json()
        assert health["rules_version"] == app.extensions["sg.checker"].rules_version
        return health["rules_version"]
    finally:
        app.extensions["sg.store"].close()


def test_install_then_a_tampered_update_keeps_the_last_good_pack(keys, packs, home, tmp_path, keyring_service):
    assert checker_version(home, keyring_service) == SHIPPED_VERSION
    result = cli(home, "rules", "install", str(packs["v2"]), "--pubkey", str(keys[1]))
    assert result.returncode == 0, result.stderr
    assert checker_version(home, keyring_service) == V2

    bad = tamper_payload(packs["v3"], tmp_path / "bad-v3.signed", lambda p: p["files"].pop("sites.json"))
    result = cli(home, "rules", "install", str(bad))           # the pinned key is used without --pubkey
    assert result.returncode != 0 and "signature" in result.stderr and V2 in result.stderr
    assert checker_version(home, keyring_service) == V2
    status = cli(home, "rules", "status")
    assert f"rule pack version {V2}" in status.stdout

    older = cli(home, "rules", "install", str(packs["old"]))
    assert older.returncode != 0 and "downgrades are refused" in older.stderr
    assert checker_version(home, keyring_service) == V2


def test_a_running_helper_picks_up_a_newly_installed_pack(keys, packs, home, keyring_service):
    from helper.app import create_app
    from helper.config import Config
    app = create_app(Config(home=home, port=47996, keyring_service=keyring_service, testing=True))
    try:
        client = app.test_client()
        version = lambda: client.get("/v1/health", base_url="http://127.0.0.1:47996").get_json()["rules_version"]  # noqa: E731
        checker = app.extensions["sg.checker"]
        checker._pack_watch.every = 0.0
        assert version() == SHIPPED_VERSION
        assert cli(home, "rules", "install", str(packs["v2"]), "--pubkey", str(keys[1])).returncode == 0
        checker._pack_watch.next = 0.0
        assert version() == V2
        assert checker.engine.version == V2
        # A refused install leaves the running helper as it was.
        assert cli(home, "rules", "install", str(packs["old"])).returncode != 0
        checker._pack_watch.next = 0.0
        assert version() == V2
    finally:
        app.extensions["sg.store"].close()


def test_a_pack_tampered_on_disk_falls_back_to_the_previous_good_one(keys, packs, home, keyring_service):
    for name in ("v2", "v3"):
        assert cli(home, "rules", "install", str(packs[name]), "--pubkey", str(keys[1])).returncode == 0
    assert checker_version(home, keyring_service) == V3
    current = home / "rulepack" / "current.pack"
    current.write_text(current.read_text().replace('"signature": "', '"signature": "AAAA'))
    assert checker_version(home, keyring_service) == V2
    (home / "rulepack" / "previous.pack").write_text("{}")
    assert checker_version(home, keyring_service) == SHIPPED_VERSION


def test_an_older_pack_copied_over_the_current_one_is_not_used(keys, packs, home, tmp_path):
    for name in ("v2", "v3"):
        assert cli(home, "rules", "install", str(packs[name]), "--pubkey", str(keys[1])).returncode == 0
    # A validly signed but older pack put in place by hand: the recorded highest version refuses it.
    shutil.copy(packs["old"], home / "rulepack" / "current.pack")
    pack, problems = PackStore(home / "rulepack").load_installed()
    assert pack is not None and pack.version == V2
    assert any("older than" in p for p in problems)


def test_install_refuses_a_new_key_unless_told(keys, packs, home, tmp_path):
    assert cli(home, "rules", "install", str(packs["v2"]), "--pubkey", str(keys[1])).returncode == 0
    other_key, other_pub = rulepack.keygen(tmp_path / "other")
    foreign = tmp_path / "foreign.signed"
    sign_pack(SHIPPED, other_key, foreign, version=V3)
    result = cli(home, "rules", "install", str(foreign), "--pubkey", str(other_pub))
    assert result.returncode != 0 and "trusts the key" in result.stderr
    result = cli(home, "rules", "install", str(foreign), "--pubkey", str(other_pub), "--replace-key")
    assert result.returncode == 0, result.stderr


# ---- a district's own profile in a pack --------------------------------------------------------------------------
def test_a_pack_with_another_districts_profile_changes_what_the_checker_says(keys, home, tmp_path, keyring_service):
    copy = tmp_path / "springfield"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("vectors", "schema"))
    district = json.loads((copy / "district.json").read_text())
    district.update(name="Springfield Public Schools", domains=["springfield.k12.il.us"],
                    public_phones=["(217) 525-3000"], approved_channels=district["approved_channels"] + ["tiktok.com"])
    (copy / "district.json").write_text(json.dumps(district, indent=2) + "\n")
    signed = tmp_path / "springfield.signed"
    sign_pack(copy, keys[0], signed, version=V2)
    assert cli(home, "rules", "install", str(signed), "--pubkey", str(keys[1])).returncode == 0

    from helper.app import create_app
    from helper.config import Config
    app = create_app(Config(home=home, port=47998, keyring_service=keyring_service, testing=True))
    try:
        checker = app.extensions["sg.checker"]
        assert checker.bundle["district"]["name"] == "Springfield Public Schools"
        cats = lambda data: {f["category"] for f in checker.check(data)["findings"]}  # noqa: E731
        assert cats({"text": "Call (217) 525-3000", "site": "other", "surface": "post"}) == set()
        assert cats({"text": "Call (309) 743-1600", "site": "other", "surface": "post"}) == {"pii.phone"}
        assert cats({"text": "hi", "site": "other", "surface": "post", "host": "www.tiktok.com"}) == set()
        assert cats({"text": "hi", "site": "other", "surface": "post", "host": "www.snapchat.com"}) == {"unapproved_channel"}
    finally:
        app.extensions["sg.store"].close()


# ---- hosting: any static web server -------------------------------------------------------------------------------
def test_install_from_a_static_web_server(keys, packs, home):
    folder = packs["v2"].parent

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(folder), **kw)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v2.signed"
        result = cli(home, "rules", "install", url, "--pubkey", str(keys[1]))
        assert result.returncode == 0, result.stderr
        missing = cli(home, "rules", "install", url.replace("v2", "v9"))
        assert missing.returncode != 0 and "cannot download" in missing.stderr
    finally:
        server.shutdown()
        server.server_close()
    assert PackStore(home / "rulepack").load_installed()[0].version == V2


def test_plain_http_is_refused_except_on_this_machine():
    with pytest.raises(PackError, match="https"):
        rulepack.fetch("http://rules.example.org/social-guard.signed")
