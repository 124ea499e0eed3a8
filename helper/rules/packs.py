"""Signed rule packs: how a district ships its rules, lists, site profiles and district profile.

A *pack* is the rules folder (rules.json, sites.json, district.json, lists/*.txt, policy/*.txt) and
a version, as one JSON document signed with Ed25519 (the `cryptography` library). The signed file:

    {"format": "social-guard-rulepack/1", "key_id": "<16 hex>", "payload": "<base64>", "signature": "<base64>"}

`payload` is the canonical JSON of {"version", "created", "district", "files": {path: text}}; the
signature covers b"social-guard-rulepack/1\\n" + payload. Before a pack is used the helper checks, in
order: the format, the signature against the district's public key, the file names, the contents
(the same lint as `rules lint`, against the schemas that ship with the helper, and an engine built
from it), and the version: never older than the pack in use (or the shipped rules), and a pack of the
same version must be the same pack.

Installed packs live in the rule-pack folder (<data folder>/rulepack, or $SOCIAL_GUARD_RULEPACK_DIR
for a machine-wide folder): current.pack (in use), previous.pack (the one before it), trusted.pub
(the district's key, pinned by the first install) and state.json (the highest version installed, so
an older pack copied over current.pack is refused too). When current.pack fails its checks at start
the helper uses previous.pack, and then the shipped rules, and says so.

Hosting: a signed pack is one static file; any web server or CDN serves it (see docs/deploy/).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..engine import Engine
from ..storage.fetch import FetchError
from ..storage.fetch import fetch as download
from .lint import lint_rules_dir
from .loader import default_rules_dir, with_district

FORMAT = "social-guard-rulepack/1"
MAX_PACK_BYTES = 16 * 1024 * 1024
FETCH_DEADLINE = 300.0   # seconds for one whole download
VERSION_RE = re.compile(r"^[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}\.[0-9]+$")   # as rules.schema.json
# What a pack may hold, and nothing else (no paths out of the folder, no code).
FILE_RE = re.compile(r"^(rules\.json|sites\.json|district\.json|lists/[A-Za-z0-9_.\-]+\.txt|policy/[A-Za-z0-9_.\-]+\.txt)$")
REQUIRED_FILES = ("rules.json", "district.json")


class PackError(Exception):
    """A pack that must not be used; the message says why, for people."""


# ---- keys ---------------------------------------------------------------------------------------------
def keygen(folder: Path, force: bool = False) -> tuple[Path, Path]:
    """Writes folder/rules.key (private, mode 0600) and folder/rules.pub; never overwrites a key unless forced."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key_path, pub_path = folder / "rules.key", folder / "rules.pub"
    if key_path.exists() and not force:
        raise PackError(f"{key_path} exists already: keep it, or pass --force to replace it "
                        "(helpers that trust the old key will refuse packs signed with the new one)")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    os.chmod(key_path, 0o600)
    pub_path.write_bytes(public_pem(private.public_key()))
    return key_path, pub_path


def public_pem(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise PackError(f"cannot read the private key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path} is not an Ed25519 private key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise PackError(f"cannot read the public key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise PackError(f"{path} is not an Ed25519 public key")
    return key


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# ---- versions -----------------------------------------------------------------------------------------
def version_tuple(version: str) -> tuple[int, ...]:
    if not isinstance(version, str) or not VERSION_RE.match(version):
        raise PackError(f"the version {version!r} is not of the form YYYY.M.D.N")
    return tuple(int(p) for p in version.split("."))


def compare_versions(a: str, b: str) -> int:
    ta, tb = version_tuple(a), version_tuple(b)
    return (ta > tb) - (ta < tb)


# ---- making and signing a pack --------------------------------------------------------------------------
def collect_files(folder: Path) -> dict[str, str]:
    """The pack's files from a rules folder (shared_rules/ or a district's copy of it)."""
    folder = Path(folder)
    files = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and FILE_RE.match(rel):
            files[rel] = path.read_text(encoding="utf-8")
    for name in REQUIRED_FILES:
        if name not in files:
            raise PackError(f"{folder} has no {name}")
    return files


def canonical_bytes(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _signed_message(payload: bytes) -> bytes:
    return FORMAT.encode() + b"\n" + payload


def sign_pack(source: Path, key_path: Path, out: Path, version: str | None = None) -> dict:
    """Signs a rules folder (or an unsigned pack file {"version", "files"}) into `out`; returns its summary."""
    source = Path(source)
    if source.is_dir():
        files = collect_files(source)
    else:
        try:
            doc = json.loads(source.read_text(encoding="utf-8"))
            files = dict(doc["files"])
            version = version or doc.get("version")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PackError(f"{source} is neither a rules folder nor an unsigned pack ({exc})") from exc
    rules = json.loads(files["rules.json"])
    if version and version != rules.get("version"):
        version_tuple(version)
        rules["version"] = version
        files["rules.json"] = json.dumps(rules, indent=2, ensure_ascii=False) + "\n"
    version = rules.get("version")
    version_tuple(version)
    district = json.loads(files["district.json"]).get("name", "")
    payload_obj = {"version": version, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "district": district, "files": files}
    bundle_from_files(files)        # refuse to sign what no helper would accept
    validate_files(files)
    private = load_private_key(key_path)
    payload = canonical_bytes(payload_obj)
    signed = {"format": FORMAT, "key_id": key_id(private.public_key()),
              "payload": base64.b64encode(payload).decode("ascii"),
              "signature": base64.b64encode(private.sign(_signed_message(payload))).decode("ascii")}
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(out).with_name(Path(out).name + ".tmp")
    tmp.write_text(json.dumps(signed, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out)
    return {"version": version, "district": district, "key_id": signed["key_id"], "files": len(files),
            "sha256": hashlib.sha256(Path(out).read_bytes()).hexdigest()}


# ---- checking a pack ------------------------------------------------------------------------------------
@dataclass
class Pack:
    version: str
    district: str
    created: str
    files: dict
    bundle: dict
    key_id: str
    digest: str          # sha256 of the signed payload: the same version must be the same pack


def _read_list_text(text: str) -> list[str]:
    """As loader.read_list: one entry a line; blank lines and '#' comments skipped; lower-cased."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line)
    return out


def bundle_from_files(files: dict[str, str]) -> dict:
    """The rule bundle from a pack's files: the same object loader.load_bundle makes from a folder."""
    try:
        rules = json.loads(files["rules.json"])
        lists = {name[len("lists/"):-len(".txt")]: _read_list_text(text)
                 for name, text in sorted(files.items()) if name.startswith("lists/")}
        bundle = {
            "version": rules["version"],
            "link_pattern": rules["link_pattern"],
            "policy": rules["policy"],
            "rules": rules["rules"],
            "lists": dict(sorted(lists.items())),
            "sites": json.loads(files["sites.json"]) if "sites.json" in files else {},
            "district": json.loads(files["district.json"]),
        }
    except (KeyError, ValueError, TypeError) as exc:
        raise PackError(f"the pack's rules cannot be read: {exc!r}") from exc
    return with_district(bundle, None)


def validate_files(files: dict[str, str]) -> None:
    """The lint of `rules lint`, against the schemas that ship with this helper, and an engine built
    from the pack: a pack that either engine cannot run is refused."""
    for name in files:
        if not FILE_RE.match(name):
            raise PackError(f"the pack holds a file it may not: {name!r}")
    with tempfile.TemporaryDirectory(prefix="sg-pack-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        shutil.copytree(default_rules_dir() / "schema", root / "schema")
        if not any(n.startswith("policy/") for n in files):
            # The shipped procedure, so the quotes are still checked verbatim.
            shutil.copytree(default_rules_dir() / "policy", root / "policy")
        (root / "lists").mkdir(exist_ok=True)
        problems = [p for p in lint_rules_dir(root) if "canonical format" not in p]
    if problems:
        raise PackError("the pack's rules have problems: " + "; ".join(problems[:5]))
    try:
        Engine(bundle_from_files(files)).check({"text": "Social Guard rule pack self-test 555-0100",
                                               "site": "other", "surface": "post"})
    except PackError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure here means the pack cannot be used
        raise PackError(f"the pack's rules do not run: {exc!r}") from exc


def verify_bytes(data: bytes, public: Ed25519PublicKey, check_contents: bool = True) -> Pack:
    """The pack in these bytes, if its signature and contents are good; PackError says why not."""
    if len(data) > MAX_PACK_BYTES:
        raise PackError(f"the pack is larger than {MAX_PACK_BYTES} bytes")
    try:
        signed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackError(f"not a signed rule pack (not JSON: {exc})") from exc
    if not isinstance(signed, dict) or signed.get("format") != FORMAT:
        raise PackError(f"not a signed rule pack (format is not {FORMAT})")
    if signed.get("key_id") != key_id(public):
        raise PackError(f"signed with another key ({signed.get('key_id')!r}, the trusted key is {key_id(public)})")
    try:
        payload = base64.b64decode(signed["payload"], validate=True)
        signature = base64.b64decode(signed["signature"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise PackError(f"the pack is damaged (payload or signature: {exc})") from exc
    try:
        public.verify(signature, _signed_message(payload))
    except InvalidSignature:
        raise PackError("the signature does not match: the pack was changed after it was signed, "
                        "or signed with another key") from None
    try:
        doc = json.loads(payload.decode("utf-8"))
        version, files = doc["version"], doc["files"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise PackError(f"the signed payload is not a pack ({exc!r})") from exc
    version_tuple(version)
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise PackError("the pack's files are not a map of names to text")
    for name in REQUIRED_FILES:
        if name not in files:
            raise PackError(f"the pack has no {name}")
    for name in files:
        if not FILE_RE.match(name):
            raise PackError(f"the pack holds a file it may not: {name!r}")
    bundle = bundle_from_files(files)
    if bundle["version"] != version:
        raise PackError(f"the pack says version {version} but its rules.json says {bundle['version']}")
    if check_contents:
        validate_files(files)
    return Pack(version=version, district=doc.get("district", ""), created=doc.get("created", ""), files=files,
                bundle=bundle, key_id=signed["key_id"], digest=hashlib.sha256(payload).hexdigest())


def fetch(source: str, timeout: float = 30.0) -> bytes:
    """The bytes of a pack from a file or a URL (https, or http on this machine only)."""
    if re.match(r"^[a-z]+://", source):
        url = urllib.parse.urlsplit(source)
        if url.scheme != "https" and not (url.scheme == "http" and url.hostname in ("127.0.0.1", "localhost", "::1")):
            raise PackError(f"refusing to download a rule pack over {url.scheme}: use https")
        try:
            data, _headers = download(source, what="rule pack", max_bytes=MAX_PACK_BYTES, timeout=timeout,
                                      deadline=FETCH_DEADLINE)
        except FetchError as exc:
            raise PackError(f"cannot download {source}: {exc}") from exc
        return data
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise PackError(f"cannot read {source}: {exc.strerror or exc}") from exc
