"""The student roster: names go in, only salted hashes are stored, and a post naming a listed
student is caught with no context words; the command line never prints a name."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helper.school import roster
from helper.checker import Checker
from helper.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
ROSTER_CSV = "Student ID,First Name,Last Name,Grade\n1001,Emily,Carter,5\n1002,José,Núñez García,4\n1003,Jordan,Lee,6\n"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def categories(checker, text):
    return sorted({f["category"] for f in checker.check({"text": text, "site": "facebook", "surface": "post"})["findings"]})


def test_a_listed_student_is_caught_without_context_words(store):
    assert roster.import_text(store, ROSTER_CSV) == 3
    checker = Checker(None, store)
    assert categories(checker, "So proud of Emily Carter at the spelling bee!") == ["pii.student"]
    assert categories(checker, "Congrats to jose nunez garcia and JORDAN LEE") == ["pii.student"]
    assert categories(checker, "Shout out to Jose Nunez for the science project") == ["pii.student"]


def test_the_finding_marks_the_name_and_cites_the_procedure(store):
    roster.import_text(store, ROSTER_CSV)
    text = "Great job, Emily Carter!"
    [f] = Checker(None, store).check({"text": text, "site": "x", "surface": "post"})["findings"]
    assert (f["rule"], f["severity"]) == ("student.roster", "block")
    assert text[f["span"][0]:f["span"][1]] == "Emily Carter"
    assert "NEVER give out or transmit personal information of students" in f["policy"]["quote"]


def test_other_people_and_a_first_name_alone_stay_quiet(store):
    roster.import_text(store, ROSTER_CSV)
    checker = Checker(None, store)
    assert categories(checker, "Emily did a great job at the concert") == []
    assert categories(checker, "Emily Dickinson is on the reading list") == []
    assert categories(checker, "Emily, Carter and the team won") == [], "punctuation splits names"


def test_without_a_roster_names_are_not_flagged(store):
    assert roster.detector(store) is None
    assert categories(Checker(None, store), "So proud of Emily Carter!") == []


def test_no_name_reaches_the_database_file(store, tmp_path):
    roster.import_text(store, ROSTER_CSV)
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("db.sqlite3*")).lower()
    for word in ("emily", "carter", "jordan", "garcía", "garcia", "núñez", "nunez"):
        assert word.encode() not in raw


def test_replacing_the_roster_renews_the_salt_and_forgets_old_names(store):
    roster.import_text(store, ROSTER_CSV)
    first = store.roster_hashes()
    assert roster.import_names(store, ["Ava Brooks", "Emily Carter"]) == 2
    assert not first & store.roster_hashes(), "a new salt: old and new hashes cannot be compared"
    checker = Checker(None, store)
    assert categories(checker, "Jordan Lee scored twice") == []
    assert categories(checker, "Ava Brooks scored twice") == ["pii.student"]


def test_adding_keeps_the_names_already_there(store):
    roster.import_names(store, ["Ava Brooks"])
    assert roster.import_names(store, ["Emily Carter"], replace=False) == 2


def test_clear_forgets_every_name(store):
    roster.import_text(store, ROSTER_CSV)
    roster.clear(store)
    assert roster.count(store) == 0 and roster.detector(store) is None


@pytest.mark.parametrize("text, expected", [
    ("Emily Carter\nCarter, Jordan\n\nAva  Marie Brooks\n", ["Emily Carter", "Carter, Jordan", "Ava  Marie Brooks"]),
    ("name,grade\nEmily Carter,5\nJordan Lee,6\n", ["Emily Carter", "Jordan Lee"]),
    ("Last Name,First Name\nCarter,Emily\n", ["Emily Carter"]),
    ("", []),
])
def test_roster_files_are_read_in_the_usual_shapes(text, expected):
    assert roster.parse_names(text) == expected


def test_last_comma_first_and_middle_names_match_first_last():
    assert "emily carter" in roster.name_keys("Carter, Emily")
    assert "ava brooks" in roster.name_keys("Ava Marie Brooks")


def test_a_file_of_single_words_is_refused_with_a_reason_and_the_roster_kept(store, tmp_path):
    roster.import_names(store, ["Ava Brooks"])
    path = tmp_path / "names.txt"
    path.write_text("Emily\nJordan\n", encoding="utf-8")
    with pytest.raises(roster.RosterError, match="two or more words"):
        roster.import_file(store, path)
    assert roster.count(store) == 1


def test_an_empty_file_is_refused_and_the_roster_kept(store, tmp_path):
    roster.import_names(store, ["Ava Brooks"])
    path = tmp_path / "empty.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(roster.RosterError, match="no names were found"):
        roster.import_file(store, path)
    assert roster.count(store) == 1


def test_a_file_that_is_not_utf8_is_refused_with_a_reason(store, tmp_path):
    path = tmp_path / "names.csv"
    path.write_bytes("Jos\xe9 N\xfa\xf1ez\n".encode("latin-1"))
    with pytest.raises(roster.RosterError, match="not UTF-8"):
        roster.import_file(store, path)


def run_cli(*args, home):
    return subprocess.run([sys.executable, "-m", "helper", "roster", *args, "--home", str(home)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_the_command_line_imports_counts_and_clears_without_printing_names(tmp_path):
    home = tmp_path / "home"
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER_CSV, encoding="utf-8")
    out = run_cli("import", str(path), home=home)
    assert out.returncode == 0, out.stderr
    assert "3 student names loaded" in out.stdout and "Emily" not in out.stdout + out.stderr
    assert run_cli("count", home=home).stdout.strip() == "3"
    check = subprocess.run([sys.executable, "-m", "helper", "check", "--home", str(home), "--json", "Way to go Emily Carter"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert '"pii.student"' in check.stdout
    assert run_cli("clear", home=home).returncode == 0
    assert run_cli("count", home=home).stdout.strip() == "0"


def test_the_command_line_explains_a_missing_file(tmp_path):
    out = run_cli("import", str(tmp_path / "nope.csv"), home=tmp_path / "home")
    assert out.returncode == 2 and "cannot read" in out.stderr


def test_the_store_keeps_hashes_only(store):
    roster.import_text(store, ROSTER_CSV)
    rows = sqlite3.connect(store.path).execute("SELECT hash FROM roster_names").fetchall()
    assert rows and all(len(h) == 32 and int(h, 16) >= 0 for (h,) in rows)
