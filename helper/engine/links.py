"""Finds links in a draft and judges each one. Mirrors extension/engine/links.js line for line."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .tables import TABLES

UNSAFE_SCHEMES = frozenset(TABLES["unsafe_schemes"])
SECOND_LEVEL = frozenset(TABLES["second_level"])
_TRAILING = ".,;:!?'\"*"
BAIT_WORDS = frozenset(TABLES["bait_words"])
_SKELETON_PAIRS = [tuple(pair) for pair in TABLES["skeleton_pairs"]]


@dataclass
class Link:
    start: int
    end: int
    url: str
    scheme: str
    userinfo: str
    host: str


def trim(url: str) -> str:
    """Drops punctuation that ends the sentence rather than the link (a closing bracket only when it
    has no opening one). The brackets are counted once: a link can end in 2,000 of them."""
    parens, brackets = url.count(")") - url.count("("), url.count("]") - url.count("[")
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == ")" and parens > 0:
            parens, end = parens - 1, end - 1
        elif last == "]" and brackets > 0:
            brackets, end = brackets - 1, end - 1
        else:
            break
    return url[:end]


def parse(url: str) -> tuple[str, str, str]:
    """Returns (scheme, userinfo, host); scheme is '' for a bare domain."""
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    scheme, rest = "", url
    if m and (url[m.end():m.end() + 2] == "//" or m.group(1).lower() in UNSAFE_SCHEMES):
        scheme = m.group(1).lower()
        rest = url[m.end():]
        if scheme in UNSAFE_SCHEMES and not rest.startswith("//"):
            return scheme, "", ""
        rest = rest[2:]
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    userinfo, _, hostport = authority.rpartition("@")
    if hostport.startswith("["):
        host = hostport.split("]", 1)[0] + "]"
    else:
        host = hostport.split(":", 1)[0]
    return scheme, userinfo, host.lower().rstrip(".")


def find_links(text: str, pattern: re.Pattern) -> list[Link]:
    links = []
    for m in pattern.finditer(text):
        url = trim(m.group(0))
        if not url:
            continue
        scheme, userinfo, host = parse(url)
        links.append(Link(m.start(), m.start() + len(url), url, scheme, userinfo, host))
    return links


def registrable(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def on_list(host: str, entries) -> bool:
    """True when host is an entry or a subdomain of one."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in entries for i in range(len(parts)))


def under_zone(host: str, zones) -> bool:
    """True when host is a name under one of the zones (x.duckdns.org, y.tk), not the zone itself:
    its parent domain is on the list."""
    return "." in host and on_list(host.split(".", 1)[1], zones)


_HEX_ID = re.compile(r"(?=[a-f]*[0-9])(?=[0-9]*[a-f])[0-9a-f]{8,}")


def _digits(s: str) -> int:
    return sum(c in "0123456789" for c in s)  # ASCII digits only, as the JS engine counts them


def machine_made(host: str) -> bool:
    """A name no person picked: a registrable name of letters with five or more digits among them, or
    of seven or more digits alone (a8883658.com, 40109575.com), or a subdomain piece that is a long
    number or a hex id (004261200-x.example.net, 0f23538a.shop.cn), or any name piece with digits and
    letters shuffled together (005pyn4t.com). Scam kits mint such names by the thousand; sites people
    are meant to type do not use them. Punycode labels are left to link.punycode."""
    if not host or is_ip_literal(host):
        return False
    reg = registrable(host)
    name = reg.split(".")[0]
    digits = _digits(name)
    if not name.startswith("xn--") and (
            (digits >= 5 and digits < len(name.replace("-", ""))) or (digits >= 7 and digits == len(name))):
        return True  # real number names are short: 12306.cn, 17173.com
    inner = host[:len(host) - len(reg)].rstrip(".")
    for label in inner.split(".") if inner else ():
        if not label.startswith("xn--") and any(_digits(piece) >= 6 or _HEX_ID.fullmatch(piece)
                                                for piece in label.split("-")):
            return True
    labels = (inner.split(".") if inner else []) + [name]
    return any(_scrambled(piece) for label in labels if not label.startswith("xn--") for piece in label.split("-"))


def _scrambled(piece: str) -> bool:
    """Digits and letters shuffled together (005pyn4t, 0cba1k17t3xffn), not a name with a number
    in it (covid19, w3schools, 24x7support): three digits or more, switching often."""
    digits = _digits(piece)
    switches = sum(1 for a, b in zip(piece, piece[1:]) if (a in "0123456789") != (b in "0123456789"))
    return (digits >= 3 and switches >= 4) or (digits >= 4 and switches >= 3)


def is_ip_literal(host: str) -> bool:
    if host.startswith("["):
        return True
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}", host):
        return True
    return bool(re.fullmatch(r"(?:0x[0-9a-f]+|[0-9]{8,10})", host))


_SKELETON_CACHE: dict[str, str] = {}


def name_skeleton(name: str) -> str:
    """skeleton() of a protected or brand name, remembered: the same few names are asked for each link."""
    if name not in _SKELETON_CACHE:
        _SKELETON_CACHE[name] = skeleton(name)
    return _SKELETON_CACHE[name]


def skeleton(name: str) -> str:
    name = name.lower()
    for src, dst in _SKELETON_PAIRS:
        name = name.replace(src, dst)
    return name.replace("-", "")


def within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def lookalike_of(host: str, protected: list[str], brands=()) -> str | None:
    """The protected domain (or brand name) this host imitates, or None."""
    if not host or is_ip_literal(host):
        return None
    reg = registrable(host)
    reg_name = reg.split(".")[0]
    reg_skeleton = skeleton(reg_name)
    labels = host.split(".")
    inner = labels[:-1]
    inner_pieces = [label.split("-") for label in inner]
    all_pieces = {piece for pieces in inner_pieces for piece in pieces}
    # Each hyphen piece of each name label, read as it looks: a brand hidden in a compound
    # (faceb00k-security, secure-1nstagram) shows as a piece that is not the name but looks like it.
    looks: dict[str, set[str]] = {}
    for piece in all_pieces:
        looks.setdefault(skeleton(piece), set()).add(piece)
    for domain in protected:
        if host == domain or host.endswith("." + domain):
            return None
    for domain in protected:
        name = domain.split(".")[0]
        if reg_name == name:
            continue  # google.de is Google's own
        if len(name) < 4:
            if _spelled_in_pieces(reg_name.split("-"), domain):
                return domain  # x-c0m-login.io: x.com written with a hyphen, disguised or beside a lure word
            continue  # x.com and t.co are too short to judge by name
        if reg_skeleton == name_skeleton(name) or (len(name) >= 6 and within_one_edit(reg_name, name)):
            return domain  # g00gle.com, faceb0ok.com, instagran.com
        if _disguised(looks, name):
            return domain  # faceb00k-security.com, rnolineschools-login.org, login.g00gle.example.net
        if name in reg_name.split("-") and (len(name) >= 7 or _baited(reg_name.split("-"), name)):
            return domain  # facebook-login.com, secure-instagram.net, apple-id-verify.com (not apple-pie-recipes.com)
        if (".".join(inner) + ".").find(domain + ".") != -1:
            return domain  # paypal.com.evil.ru, login.facebook.com.example.net
    for entry in brands:
        name, *owned = entry.split()
        if reg_name == name or reg in owned:
            continue  # amazon.co.uk, amazon.de, outlook.office.com: the brand's own
        if name in all_pieces and (name in inner or any(_baited(pieces, name) for pieces in inner_pieces)):
            return name  # amazon.jp-h.top, 1544617-coinbase.com, secure-paypal-login.net
        if len(name) >= 4 and (reg_skeleton == name_skeleton(name) or _disguised(looks, name)):
            return name  # amaz0n.shop, netfl1x.com, paypa1-verify.net
        if len(name) >= 6 and abs(len(name) - len(reg_name)) <= 1 and within_one_edit(reg_name, name):
            return name  # amazonh.cc
    return None


def _disguised(looks: dict[str, set[str]], name: str) -> bool:
    """A piece that looks like the name without being it."""
    return bool(looks.get(name_skeleton(name), set()) - {name})


def _spelled_in_pieces(pieces: list[str], domain: str) -> bool:
    """The domain's labels as consecutive hyphen pieces (x-com, x-c0m), one of them disguised or the
    rest holding a lure word or a number: x-c0m-login, x-com-verify (not x-com alone, a game's name)."""
    labels = domain.split(".")
    want = [skeleton(label) for label in labels]
    n = len(want)
    for i in range(len(pieces) - n + 1):
        window = pieces[i:i + n]
        if [skeleton(p) for p in window] == want:
            rest = pieces[:i] + pieces[i + n:]
            if window != labels or any(p in BAIT_WORDS or re.fullmatch(r"[0-9]+", p) for p in rest):
                return True
    return False


def _baited(pieces: list[str], name: str) -> bool:
    """A brand name among a label's hyphen pieces, beside a lure word, a number or a TLD word
    (paypal-login, 1544617-coinbase, microsoft-com); apple-pie-recipes is left alone."""
    return name in pieces and any(p in BAIT_WORDS or re.fullmatch(r"[0-9]+", p) for p in pieces if p != name)


def risky_file(url: str, endings) -> bool:
    """True when the link's path ends in a program, script or archive (…/setup.exe, …/x.zip?dl=1)."""
    rest = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*://", "", url)
    path = re.split(r"[?#]", rest, maxsplit=1)[0]
    if "/" not in path:
        return False
    last = path.rsplit("/", 1)[1].lower()
    return "." in last and last.rsplit(".", 1)[1] in endings


LOOKALIKE_CACHE_SIZE = 4096


def check(kind: str, link: Link, ctx: dict) -> bool:
    host = link.host
    if kind == "unsafe_scheme":
        return link.scheme in UNSAFE_SCHEMES
    if link.scheme in UNSAFE_SCHEMES:
        return False
    if kind == "credentials":
        return bool(link.userinfo)
    allowed = on_list(host, ctx["allowlist"])
    if kind == "blocklisted":
        return not allowed and on_list(host, ctx["blocklist"])
    if kind == "insecure":
        return link.scheme == "http"
    if kind == "unvisited":
        return ctx["visited"] is not None and normalize_url(link.url) not in ctx["visited"]
    if allowed:
        return False
    if kind == "ip_literal":
        return is_ip_literal(host)
    if kind == "punycode":
        return any(label.startswith("xn--") for label in host.split(".")) or any(ord(c) > 127 for c in host)
    if kind == "lookalike":
        # Drafts are checked again at every pause in typing, with the same links: remember each
        # host's answer (per engine, bounded), since comparing it with every brand is the slow part.
        cache, key = ctx.get("lookalike_cache"), (host, ctx["list"])
        if cache is not None and key in cache:
            return cache[key]
        found = lookalike_of(host, ctx["protected_domains"], ctx["lists"].get(ctx["list"] or "brands", ())) is not None
        if cache is not None:
            if len(cache) >= LOOKALIKE_CACHE_SIZE:
                cache.clear()
            cache[key] = found
        return found
    if kind == "risky_file":
        return risky_file(link.url, ctx["lists"].get(ctx["list"] or "risky_extensions", ()))
    if kind == "shortener":
        return on_list(host, ctx["lists"].get(ctx["list"] or "shorteners", ()))
    if kind == "risky_host":
        return under_zone(host, ctx["lists"].get(ctx["list"] or "risky_hosts", ()))
    if kind == "machine_made":
        return machine_made(host)
    raise ValueError(f"unknown link check {kind!r}")


def normalize_url(url: str) -> str:
    """How visited links are compared: no scheme, no 'www.', no trailing slash, lower-case host."""
    url = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*://", "", url)
    host, sep, rest = url.partition("/")
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    return (host + sep + rest).rstrip("/")
