"""`python -m helper check-image PATH` and `python -m helper do-not-publish ...`, run as real
processes: one output object for a photo (the contract), exit codes, and the do-not-publish list
managed from the command line and used by check-image."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from photo_samples import astronaut, coffee, landscape, to_bytes, with_gps

ROOT = Path(__file__).resolve().parent.parent


def helper(*args, home: Path):
    env = dict(os.environ, SOCIAL_GUARD_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "helper", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def photos(tmp_path):
    files = {"person": to_bytes(astronaut()), "gps": with_gps(coffee()), "both": with_gps(astronaut()),
             "clean": to_bytes(landscape())}
    paths = {}
    for name, raw in files.items():
        paths[name] = tmp_path / f"{name}.jpg"
        paths[name].write_bytes(raw)
    return paths


def test_prints_one_output_object_for_a_photo(photos, tmp_path):
    r = helper("check-image", photos["both"], home=tmp_path / "home")
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert list(out) == ["findings"]
    assert [(f["rule"], f["category"]) for f in out["findings"]] == [
        ("image.faces", "image.student_photo"), ("image.gps", "image.location")]
    for f in out["findings"]:
        assert set(f) == {"rule", "category", "severity", "message", "policy", "span"}
        assert set(f["policy"]) == {"section", "quote"} and f["span"] == [0, 0]
    assert not (tmp_path / "home").exists()   # checking creates no data folder


def test_a_clean_photo_exits_0_with_no_findings(photos, tmp_path):
    r = helper("check-image", photos["clean"], home=tmp_path / "home")
    assert r.returncode == 0 and json.loads(r.stdout) == {"findings": []}


def test_an_iphone_heic_photo_is_checked_like_a_jpeg(tmp_path):
    path = tmp_path / "IMG_0042.HEIC"
    path.write_bytes(with_gps(astronaut(), fmt="HEIF"))   # a real HEIC (HEVC), written by pillow-heif
    assert path.read_bytes()[4:12] == b"ftypheic"
    r = helper("check-image", path, home=tmp_path / "home")
    assert r.returncode == 1, r.stderr
    assert [f["category"] for f in json.loads(r.stdout)["findings"]] == ["image.student_photo", "image.location"]
    clean = tmp_path / "clean.heic"
    clean.write_bytes(to_bytes(landscape(), fmt="HEIF"))
    r = helper("check-image", clean, home=tmp_path / "home")
    assert r.returncode == 0 and json.loads(r.stdout) == {"findings": []}


def test_spanish(photos, tmp_path):
    r = helper("check-image", photos["gps"], "--locale", "es", home=tmp_path / "home")
    assert "ubicación" in json.loads(r.stdout)["findings"][0]["message"]


def test_errors_exit_2_with_the_reason(tmp_path):
    missing = helper("check-image", tmp_path / "nope.jpg", home=tmp_path / "home")
    assert missing.returncode == 2 and "cannot read" in missing.stderr and missing.stdout == ""
    (tmp_path / "notes.txt").write_text("not a photo")
    bad = helper("check-image", tmp_path / "notes.txt", home=tmp_path / "home")
    assert bad.returncode == 2 and "not a photo" in bad.stderr


def test_the_do_not_publish_list_from_the_command_line(photos, tmp_path):
    home = tmp_path / "home"
    added = helper("do-not-publish", "add", "Eileen Collins", "--photo", photos["person"], "--note", "form 12, 2026",
                   home=home)
    assert added.returncode == 0, added.stderr
    assert "Added Eileen Collins" in added.stdout and "not the photo" in added.stdout
    refused = helper("do-not-publish", "photo", "Eileen Collins", photos["gps"], home=home)   # no face in it
    assert refused.returncode == 1 and "found 0 faces" in refused.stderr
    (tmp_path / "names.txt").write_text("# declined, fall 2026\nMaria Lopez\nEileen Collins\n\n")
    imported = helper("do-not-publish", "import", tmp_path / "names.txt", home=home)
    assert "Added 1 name;" in imported.stdout and "the list has 2" in imported.stdout
    listed = helper("do-not-publish", "list", home=home).stdout.splitlines()
    assert listed == ["Eileen Collins\t1 reference face\tform 12, 2026", "Maria Lopez\t0 reference faces"]

    # check-image uses the list: her face, by name.
    r = helper("check-image", photos["person"], home=home)
    [f] = json.loads(r.stdout)["findings"]
    assert f["rule"] == "image.do_not_publish" and f["severity"] == "block" and "Eileen Collins" in f["message"]

    # The database holds her name and face features, never the reference photo's bytes.
    raw = photos["person"].read_bytes()
    db = sqlite3.connect(home / "social-guard.sqlite3")
    blobs = [row[0] for row in db.execute("SELECT features FROM do_not_publish_faces")]
    db.close()
    assert len(blobs) == 1 and raw[300:364] not in blobs[0] and len(blobs[0]) < len(raw)

    removed = helper("do-not-publish", "remove", "eileen  COLLINS", home=home)
    assert removed.returncode == 0
    again = helper("check-image", photos["person"], home=home)
    assert json.loads(again.stdout)["findings"][0]["rule"] == "image.faces"
    assert helper("do-not-publish", "remove", "Nobody Here", home=home).returncode == 1
