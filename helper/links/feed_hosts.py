"""Host-level threat feeds: parse their common formats, validate each host, and keep out entries that
would block a shared, protected or allow-listed host. Used by helper/links/feeds.py."""
from __future__ import annotations

import re
from collections import Counter

import idna

from ..engine.core import effective_settings
from ..engine.links import SECOND_LEVEL

# Hosts that many unrelated people share: an entry at, under or above one would flag every teacher's
# Google Drive or GitHub link. Feeds name these when one user's file on them was malicious.
SHARED_HOSTS = (
    "google.com", "drive.google.com", "docs.google.com", "sites.google.com", "googleusercontent.com",
    "googleapis.com", "gstatic.com", "youtube.com", "youtu.be", "forms.gle", "goo.gl",
    "github.com", "raw.githubusercontent.com", "githubusercontent.com", "gitlab.com", "bitbucket.org",
    "microsoft.com", "office.com", "office365.com", "live.com", "outlook.com", "sharepoint.com",
    "onedrive.com", "1drv.ms", "windows.net", "azureedge.net", "msn.com", "bing.com",
    "apple.com", "icloud.com", "dropbox.com", "dropboxusercontent.com", "box.com", "amazon.com",
    "amazonaws.com", "cloudfront.net", "wsimg.com", "jsdelivr.net", "cloudflare.com", "unpkg.com",
    "zoom.us", "canva.com", "wikipedia.org", "yahoo.com", "discord.com", "discordapp.com",
    "mediafire.com", "wetransfer.com", "adobe.com",
)
# Hosting suffixes whose subdomains each belong to one customer: the suffix itself (or a parent of
# it) would block everyone, but one customer's subdomain is a precise entry and is kept.
CUSTOMER_SUFFIXES = (
    "github.io", "blogspot.com", "wordpress.com", "netlify.app", "vercel.app", "pages.dev", "workers.dev",
    "web.app", "firebaseapp.com", "herokuapp.com", "appspot.com", "azurewebsites.net", "wixsite.com",
    "weebly.com", "glitch.me", "duckdns.org", "ngrok.io", "ngrok-free.app", "r2.dev",
)
# The three social sites and their own helpers, beside the site profiles' hosts.
SOCIAL_HOSTS = ("facebook.com", "fb.com", "fb.me", "fbcdn.net", "messenger.com", "instagram.com",
                "cdninstagram.com", "x.com", "twitter.com", "t.co", "twimg.com")
_HOSTS_FILE_ADDRESSES = {"0.0.0.0", "127.0.0.1", "::", "::1", "0", "255.255.255.255"}
_NOT_HOSTS = {"localhost", "localhost.localdomain", "local", "broadcasthost", "ip6-localhost", "ip6-loopback",
              "0.0.0.0"}
_ABP_HOST_OPTIONS = {"", "all", "document", "doc", "important", "popup", "first-party", "1p"}
_LDH = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")
_IPV4 = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?:/[0-9]{1,2})?")
_NUMERIC_TLD = re.compile(r".*\.[0-9]+")


def host_of(token: str) -> tuple[str | None, str | None]:
    """(ASCII host, None) for a valid host name, else (None, why it is not one)."""
    host = token.strip().lower().rstrip(".")
    if not host:
        return None, "invalid"
    if "*" in host:
        return None, "wildcard"
    if _IPV4.fullmatch(host) or ":" in host or _NUMERIC_TLD.fullmatch(host):
        return None, "ip address"
    if "/" in host or "@" in host:
        return None, "not host-level"
    if host.isascii() and _LDH.fullmatch(host) and "xn--" not in host and len(host) <= 253:
        ascii_host = host   # the common case, without the (slow) IDNA codec
    else:
        try:
            ascii_host = idna.encode(host, uts46=True).decode("ascii").lower()
        except (idna.IDNAError, UnicodeError, ValueError):
            return None, "invalid"
    labels = ascii_host.split(".")
    if len(labels) < 2:
        return None, "invalid"
    if len(labels) == 2 and labels[0] in SECOND_LEVEL and len(labels[1]) == 2:
        return None, "public suffix"   # co.uk would block a whole country's companies
    return ascii_host, None


def parse_line(line: str) -> tuple[list[str], list[str]]:
    """(hosts, reasons for what was not a host) of one line of a domain list, hosts file or
    Adblock/uBO list; comments and blank lines give nothing."""
    line = line.strip()
    if not line or line[0] in "#![":
        return [], []
    if line.startswith("||"):
        rule, _, options = line[2:].partition("$")
        if "##" in line or "#@#" in line or not rule.endswith("^") or (
                {o.strip() for o in options.split(",")} - _ABP_HOST_OPTIONS):
            return [], ["not host-level"]   # a path, cosmetic filter or option: not a whole host
        tokens = [rule[:-1]]
    elif line.startswith("@@") or "##" in line or "#@#" in line:
        return [], ["not host-level"]
    else:
        tokens = line.split("#", 1)[0].split()
        if tokens and tokens[0] in _HOSTS_FILE_ADDRESSES:
            tokens = tokens[1:]      # hosts file: 0.0.0.0 host [host ...]
        elif len(tokens) != 1:
            return [], ["invalid"]
        if tokens and "://" in tokens[0]:
            return [], ["not host-level"]   # a URL list: its paths are not whole hosts
    hosts, reasons = [], []
    for token in tokens:
        if token.lower() in _NOT_HOSTS:
            continue
        host, why = host_of(token)
        if host:
            hosts.append(host)
        else:
            reasons.append(why)
    return hosts, reasons


def parse_feed(text: str) -> tuple[set[str], Counter]:
    """Every valid host of a feed, and how many entries were refused, by reason."""
    hosts: set[str] = set()
    refused: Counter = Counter()
    for line in text.lstrip("\ufeff").splitlines():
        found, reasons = parse_line(line)
        hosts.update(found)
        refused.update(reasons)
    return hosts, refused


def _suffixes(host: str):
    parts = host.split(".")
    return (".".join(parts[i:]) for i in range(len(parts)))


class Guards:
    """The hosts no feed may block, with why: an entry at or under one of them is dropped, and so is
    an entry above one (a parent would block it too)."""

    def __init__(self, protected=(), allowlist=(), social=(), shared=SHARED_HOSTS, customer=CUSTOMER_SUFFIXES):
        self.at_or_under: dict[str, str] = {}
        self.above: dict[str, str] = {}
        # Later groups win a tie: the reason given is the most specific one.
        for reason, hosts, below in (("shared host", shared, True), ("shared host", customer, False),
                                     ("social site", social, True), ("protected domain", protected, True),
                                     ("allow-listed", allowlist, True)):
            for raw in hosts:
                host, _ = host_of(raw)
                if not host:
                    continue
                if below:
                    self.at_or_under[host] = reason
                else:
                    self.above[host] = reason
                for parent in list(_suffixes(host))[1:-1]:   # never the bare top-level domain
                    self.above[parent] = reason

    def reason(self, host: str) -> str | None:
        """Why this host may not be blocked by a feed, or None."""
        for suffix in _suffixes(host):
            if suffix in self.at_or_under:
                return self.at_or_under[suffix]
        return self.above.get(host)


def guards_for(bundle: dict, settings: dict | None) -> Guards:
    """The guards of the district profile and the user's settings (effective_settings)."""
    merged = effective_settings(bundle, settings)
    social = list(SOCIAL_HOSTS)
    for profile in bundle.get("sites", {}).get("profiles", {}).values():
        social += profile.get("hosts", [])
    return Guards(protected=list(merged["protected_domains"]) + list(merged["domains"]),
                  allowlist=merged["allowlist"], social=social)
