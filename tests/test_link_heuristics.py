"""The link-shape heuristics of helper/engine/links.py, as functions. The same tables are in
tests/js/engine_link_heuristics.test.mjs: both engines must agree on every host."""
import pytest

from helper.engine import load_bundle
from helper.engine.links import machine_made, under_zone

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
