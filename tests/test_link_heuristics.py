"""The link-shape heuristics of helper/engine/links.py, as functions. The same tables are in
tests/js/engine_link_heuristics.test.mjs: both engines must agree on every host."""
from pathlib import Path

import pytest

from helper.engine import Engine
from helper.rules.loader import load_bundle
from helper.engine.links import find_links, lookalike_of, machine_made, under_zone
from evaluation.run import read_jsonl

CLEAN_POSTS = Path(__file__).resolve().parent / "corpus" / "clean_posts.jsonl"

MACHINE_MADE = ["a8883658.com", "40109575.com", "33002s.com", "1544617-coinbase.com", "0f23538a.svyr9n.shop",
                "004261200-conf1rm.example.net", "x.207087262.xyz", "005pyn4t.com",
                "0cba1k17t3xffn.example.ru"]
PERSON_MADE = ["12306.cn", "www.17173.com", "www.3m.com", "class2025.example.org", "web2.0calc.com",
               "xn--80ak6aa92e.com", "x.xn--wqr44au58h7ev.com", "deadbeef.example.com", "192.168.10.20", "us02web.zoom.us", "",
               "24x7support.com", "www.w3schools.com", "covid19.example.gov", "mp3juices.cc", "b2b2c.example.com"]
RISKY_HOSTS = set(load_bundle()["lists"]["risky_hosts"])


@pytest.mark.parametrize("host", MACHINE_MADE)
def test_machine_made_names(host):
    assert machine_made(host)


@pytest.mark.parametrize("host", PERSON_MADE)
def test_names_people_chose(host):
    assert not machine_made(host)


@pytest.mark.parametrize("host", ["x.duckdns.org", "a.b.netlify.app", "prize.tk", "brave-otter-12.trycloudflare.com"])
def test_names_under_a_risky_zone(host):
    assert under_zone(host, RISKY_HOSTS)


@pytest.mark.parametrize("host", ["duckdns.org", "www.netlify.com", "tk", "notduckdns.org", "mrsrivera.blogspot.com",
                                  "ms-smith.github.io"])
def test_zone_sites_and_class_sites_are_not_risky(host):
    assert not under_zone(host, RISKY_HOSTS)


# Brands hidden in a compound host: the piece that imitates is read as it looks (digit swaps, rn, vv).
# The same table is in tests/js/engine_link_heuristics.test.mjs.
COMPOUND_LOOKALIKES = {
    "faceb00k-security.com": "facebook.com", "secure-1nstagram.net": "instagram.com", "x-c0m-login.io": "x.com",
    "x-com-verify.net": "x.com", "molinesch00ls-portal.org": "molineschools.org",
    "www.rnolineschools-login.org": "molineschools.org", "www.tvvitter-support.com": "twitter.com",
    "g00gle-docs-share.net": "google.com", "login.g00gle.example-mail.net": "google.com",
    "app1e-id-verify.com": "apple.com", "www.paypa1-verify.net": "paypal.com", "track.usp5-delivery.com": "usps",
    "netfl1x-billing.com": "netflix", "faceb00k.com": "facebook.com", "facebook-security.com": "facebook.com",
}
# Sites staff link to every day, several with hyphens, digits or a brand word in them.
STAFF_LINKED = ["docs.google.com", "drive.google.com", "classroom.google.com", "www.signupgenius.com", "www.youtube.com",
                "gofan.co", "www.molineschools.org", "www.moline-coalvalley.org", "www.boxtops4education.com",
                "www.rock-island-library.org", "www.4-h.org", "www.x-ray-vision.org", "www.x-com.org",
                "www.apple-festival.com", "www.ihsa.org", "www.maxpreps.com", "www.nfhsnetwork.com",
                "moline.schoology.com", "molineschools.powerschool.com", "outlook.office365.com", "teams.microsoft.com",
                "www.khanacademy.org", "quizlet.com", "www.scholastic.com", "www.pbskids.org", "www.qctimes.com",
                "www.wqad.com", "www.kwqc.com", "www.augustana.edu", "www.bhc.edu", "www.eastmoline.com",
                "www.rigov.org", "www.quad-city-arts.org", "www.black-hawk-college.org", "www.johndeere.com",
                "www.gofundme.com", "www.eventbrite.com", "www.canva.com", "www.classdojo.com", "www.seesaw.me",
                "www.mail-in-voting.org", "www.first-day-of-school.com", "www.team4tech.org", "www.k12.il.us"]


@pytest.fixture(scope="module")
def reference():
    bundle = load_bundle()
    return bundle["district"]["protected_domains"], bundle["lists"]["brands"]


@pytest.mark.parametrize("host,imitated", sorted(COMPOUND_LOOKALIKES.items()))
def test_a_brand_disguised_in_a_compound_host_is_found(reference, host, imitated):
    assert lookalike_of(host, *reference) == imitated


@pytest.mark.parametrize("host", STAFF_LINKED)
def test_sites_staff_link_to_are_not_lookalikes(reference, host):
    assert lookalike_of(host, *reference) is None


def test_links_staff_post_with_paths_raise_nothing(bundle):
    engine = Engine(bundle)
    for host in STAFF_LINKED:
        text = f"Details here: https://{host}/2026/fall-sign-up?id=4417 thanks!"
        assert engine.check({"text": text, "site": "facebook", "surface": "post"})["findings"] == [], host


def test_the_links_in_the_clean_post_corpus_raise_nothing(bundle):
    engine = Engine(bundle)
    links = set()
    for post in read_jsonl(CLEAN_POSTS):
        links.update(link.url for link in find_links(post["text"], engine.link_pattern))
    assert len(links) >= 5   # the corpus links to ordinary sites with paths
    for url in sorted(links):
        found = [f["rule"] for f in engine.check({"text": url, "site": "facebook", "surface": "post"})["findings"]]
        assert found == [], url


def test_links_ending_in_thousands_of_brackets_cost_no_more_than_other_links(bundle):
    """Trimming counts a link's brackets once, not once per bracket it drops."""
    from test_text_preparation import counted_calls
    engine = Engine(bundle)

    def draft(tail):
        return {"text": ("https://example.com/a" + tail * 1990 + " ") * 50, "site": "x", "surface": "post"}
    brackets, letters = counted_calls(engine.check, draft(")")), counted_calls(engine.check, draft("a"))
    assert brackets < 1.5 * letters, (brackets, letters)
