"""The helper's secret lives in the OS keyring (a real gnome-keyring here); with no keyring the
helper says so plainly and refuses to pair rather than fall back to a file."""
import uuid

import keyring
import keyring.backends.fail
import pytest
from tests.support.helper_process import HelperProcess
from tests.support.origins import EXTENSION_ORIGIN
from tests.support.ports import free_port

from helper.security import keyring_secret as secrets

FAIL_ENV = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def test_the_secret_is_made_once_and_kept_in_the_os_keyring(keyring_service):
    assert "SecretService" in secrets.backend_name() or "kwallet" in secrets.backend_name().lower()
    first = secrets.secret_key(keyring_service)
    assert len(first) == 32
    assert secrets.secret_key(keyring_service) == first
    assert keyring.get_password(keyring_service, "secret-key") == first.hex()
    secrets.forget_secret_key(keyring_service)
    assert keyring.get_password(keyring_service, "secret-key") is None
    assert secrets.secret_key(keyring_service) != first
    secrets.forget_secret_key(keyring_service)
    secrets.forget_secret_key(keyring_service)   # forgetting twice is harmless


def test_forgetting_the_secret_unpairs_every_browser(app, client, auth, keyring_service):
    check = {"text": "hi", "site": "x", "surface": "post"}
    assert client.post("/v1/check", json=check, headers=auth).status_code == 200
    secrets.forget_secret_key(keyring_service)
    fresh = type(app.extensions["sg.pairing"])(app.extensions["sg.store"], keyring_service)
    app.extensions["sg.pairing"] = fresh
    assert client.post("/v1/check", json=check, headers=auth).status_code == 401


def test_plaintext_and_failing_backends_are_refused():
    real = keyring.get_keyring()
    try:
        keyring.set_keyring(keyring.backends.fail.Keyring())
        with pytest.raises(secrets.KeyringUnavailable, match="No secure OS keyring"):
            secrets.secret_key("social-guard-test-" + uuid.uuid4().hex)
    finally:
        keyring.set_keyring(real)


def test_a_helper_with_no_keyring_says_so_and_refuses_to_pair(tmp_path):
    helper = HelperProcess(tmp_path / "home", free_port(), "social-guard-test-" + uuid.uuid4().hex)
    plain_env = helper.env
    helper.env = lambda: {**plain_env(), **FAIL_ENV}
    helper.start()
    try:
        status, body = helper.request("GET", "/v1/health")
        assert status == 200 and body["status"] == "ok"
        status, body = helper.request("POST", "/v1/pair", {"code": "ABCD-2345", "name": "x"},
                                      {"Origin": EXTENSION_ORIGIN})
        assert status == 503 and "No secure OS keyring" in body["error"] and "pairing is refused" in body["error"]
        status, body = helper.request("POST", "/v1/check", {"text": "hi", "site": "x", "surface": "post"},
                                      {"Authorization": "Bearer " + "A" * 43, "Origin": EXTENSION_ORIGIN})
        assert status == 503 and "keyring" in body["error"]
        pair = helper.cli("pair")
        assert pair.returncode == 3 and "No secure OS keyring" in pair.stderr
        assert "-" not in pair.stdout.strip()   # no code printed
    finally:
        helper.stop()
    output = "".join(helper.output)
    assert "No secure OS keyring is available" in output and "cannot be paired" in output
    # Nothing was written in place of the keyring.
    assert not [p for p in (tmp_path / "home").rglob("*") if "key" in p.name.lower()]
