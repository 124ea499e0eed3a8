"""The command line of the contract, run as real processes."""
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.helper_process import HelperProcess
from tests.support.origins import EXTENSION_ORIGIN
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


def helper(*args, input=None, env=None):
    return subprocess.run([sys.executable, "-m", "helper", *args], cwd=ROOT, input=input, capture_output=True,
                          timeout=60, env=env)


def test_jsonl_reports_a_phone_number_as_the_contract_shows():
    out = helper("check", "--jsonl", input=b'{"text":"text me at 309-555-0147","site":"x","surface":"post"}\n')
    assert out.returncode == 0
    [line] = out.stdout.decode().splitlines()
    [finding] = json.loads(line)["findings"]
    assert finding["category"] == "pii.phone" and finding["rule"] == "pii.phone.us" and finding["span"] == [11, 23]
    assert set(finding) == {"rule", "category", "severity", "message", "policy", "span"}


def test_jsonl_answers_every_line_in_order_with_errors_in_place():
    lines = [
        b'{"text":"","site":"instagram","surface":"dm"}',
        b'not json',
        b'\xff\xfe{"text":"x"}',
        b'{"text":"see bit.ly/abc","site":"x","surface":"post"}',
        b'{"text":1,"site":"x","surface":"post"}',
        b'{"text":"hi","site":"myspace","surface":"post"}',
        b'',
        b'{"text":"Great concert tonight!","site":"facebook","surface":"post"}',
    ]
    out = helper("check", "--jsonl", input=b"\n".join(lines) + b"\n")
    answers = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(answers) == len(lines)
    assert [f["category"] for f in answers[0]["findings"]] == ["direct_message"]
    assert "not valid JSON" in answers[1]["error"]
    assert "UTF-8" in answers[2]["error"]
    assert [f["category"] for f in answers[3]["findings"]] == ["link.shortener"]
    assert "'text' must be a string" in answers[4]["error"]
    assert "'site' must be one of" in answers[5]["error"]
    assert "empty" in answers[6]["error"]
    assert answers[7] == {"findings": []}


def test_check_for_people_shows_what_and_why():
    out = helper("check", "My SSN is 460-89-9847")
    text = out.stdout.decode()
    assert out.returncode == 1
    assert "BLOCK pii.ssn" in text and '"460-89-9847"' in text and "Personal Safety" in text
    clean = helper("check", "Go Maroons! Homecoming is Friday.")
    assert clean.returncode == 0 and "No findings" in clean.stdout.decode()


def test_check_with_no_text_explains_itself():
    out = helper("check")
    assert out.returncode == 2 and "--jsonl" in out.stderr.decode()


def test_serve_refuses_a_port_that_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        out = helper("serve", "--port", str(port), "--no-window", "--home", str(tmp_path))
    assert out.returncode == 2 and "cannot listen" in out.stderr.decode()


def test_serve_listens_only_on_loopback_and_checks_over_http(helper_process):
    # The real helper, paired through the printed code, checks a draft over HTTP.
    token = helper_process.pair()
    status, body = helper_process.request("POST", "/v1/check", {"text": "call 309-555-0147", "site": "x", "surface": "post"},
                                          {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN})
    assert status == 200 and [f["category"] for f in body["findings"]] == ["pii.phone"]
    # Not reachable on another address of this machine.
    with socket.socket() as probe:
        probe.settimeout(1)
        addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        for address in addresses - {"127.0.0.1"}:
            assert probe.connect_ex((address, helper_process.port)) != 0


def test_serve_prints_the_pages_address_with_a_login_token(tmp_path, keyring_service):
    helper_proc = HelperProcess(tmp_path / "h", free_port(), keyring_service).start()
    helper_proc.stop()
    lines = "".join(helper_proc.output).splitlines()
    # On a line of its own (CONTRACTS.md), so a script can take the whole line.
    assert any(re.fullmatch(rf"http://127\.0\.0\.1:{helper_proc.port}/ui/login\?token=[A-Za-z0-9_\-]+", line) for line in lines), lines


def test_pair_prints_a_code_on_its_last_line(tmp_path, keyring_service):
    env = dict(HelperProcess(tmp_path, 1, keyring_service).env())
    out = helper("pair", env=env)
    assert out.returncode == 0
    code = out.stdout.decode().strip().splitlines()[-1]
    assert len(code) == 9 and code[4] == "-"


def test_pair_says_plainly_when_there_is_no_keyring(tmp_path, keyring_service):
    env = dict(HelperProcess(tmp_path, 1, keyring_service).env(), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    out = helper("pair", env=env)
    assert out.returncode == 3 and "No secure OS keyring" in out.stderr.decode()
