"""`rules keygen|sign|verify|install|status`: the district's signed rule packs (helper/rules/packs.py).

  rules keygen DIR                          DIR/rules.key (private) and DIR/rules.pub
  rules sign PACK --key KEY --out SIGNED    PACK: a rules folder (a copy of shared_rules/) or an unsigned pack
  rules verify SIGNED --pubkey PUB          exit 0: good; non-zero with the reason: tampered, or older than in use
  rules install SIGNED|URL [--pubkey PUB]   verify, then use it from now on (the last good pack stays on failure)
  rules status                              which rules are in use, and why
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..config import Config
from ..rules.install import PackStore, rulepack_dir
from ..rules.packs import PackError, fetch, key_id, keygen, load_public_key, sign_pack


def _home_arg(p) -> None:
    p.add_argument("--home", type=Path, default=None,
                   help="the helper's data folder (default: $SOCIAL_GUARD_HOME or ~/.local/share/social-guard)")


def register_subcommands(sub) -> None:
    p = sub.add_parser("keygen", help="make the district's rule-pack signing key pair")
    p.add_argument("dir", type=Path, help="folder for rules.key (keep it offline) and rules.pub")
    p.add_argument("--force", action="store_true", help="replace an existing key")
    p.set_defaults(func=run_keygen)

    p = sub.add_parser("sign", help="sign a rules folder into a rule pack")
    p.add_argument("pack", type=Path, help="a rules folder (rules.json, district.json, sites.json, lists/, policy/)")
    p.add_argument("--key", type=Path, required=True, help="the private key (rules.key)")
    p.add_argument("--out", type=Path, required=True, help="the signed pack to write")
    p.add_argument("--version", default=None, help="the pack's version, YYYY.M.D.N (default: rules.json's)")
    p.set_defaults(func=run_sign)

    p = sub.add_parser("verify", help="check a signed pack: signature, contents, and not older than the one in use")
    p.add_argument("signed", help="the signed pack (a file, or an https URL)")
    p.add_argument("--pubkey", type=Path, required=True, help="the district's public key (rules.pub)")
    _home_arg(p)
    p.set_defaults(func=run_verify)

    p = sub.add_parser("install", help="verify a signed pack and use it from now on")
    p.add_argument("signed", help="the signed pack (a file, or an https URL)")
    p.add_argument("--pubkey", type=Path, default=None, help="the district's public key (default: the one trusted already)")
    p.add_argument("--replace-key", action="store_true", help="trust a new district key instead of the pinned one")
    _home_arg(p)
    p.set_defaults(func=run_install)

    p = sub.add_parser("status", help="which rules the helper uses")
    _home_arg(p)
    p.set_defaults(func=run_status)


def _home(args) -> Path:
    return args.home or Config().home


def _fail(command: str, exc: Exception) -> int:
    print(f"rules {command}: refused: {exc}", file=sys.stderr)
    return 1


def run_keygen(args) -> int:
    try:
        key, pub = keygen(args.dir, force=args.force)
    except PackError as exc:
        print(f"rules keygen: {exc}", file=sys.stderr)
        return 1
    print(f"private key: {key} (keep it offline; anyone with it can sign packs)")
    print(f"public key:  {pub} (key id {key_id(load_public_key(pub))}; give it to every helper)")
    return 0


def run_sign(args) -> int:
    try:
        info = sign_pack(args.pack, args.key, args.out, version=args.version)
    except PackError as exc:
        return _fail("sign", exc)
    print(f"signed {args.out}: version {info['version']} for {info['district']}, {info['files']} files, "
          f"key {info['key_id']}, sha256 {info['sha256']}")
    return 0


def run_verify(args) -> int:
    try:
        public = load_public_key(args.pubkey)
        store = PackStore(rulepack_dir(_home(args)))
        pack = store.check_new(fetch(args.signed), public)
    except PackError as exc:
        return _fail("verify", exc)
    in_use, where = store.version_in_use()
    print(f"ok: version {pack.version} for {pack.district}, signed by key {pack.key_id} "
          f"(in use: {where} {in_use})")
    return 0


def run_install(args) -> int:
    store = PackStore(rulepack_dir(_home(args)))
    try:
        public = load_public_key(args.pubkey) if args.pubkey else store.trusted_key()
        if public is None:
            raise PackError("no key is trusted yet: give the district's public key with --pubkey")
        pack = store.install(fetch(args.signed), public, replace_key=args.replace_key)
    except PackError as exc:
        in_use, where = store.version_in_use()
        print(f"rules install: refused: {exc}\nrules install: still in use: {where} {in_use}", file=sys.stderr)
        return 1
    print(f"installed version {pack.version} for {pack.district} in {store.folder} "
          "(a running helper uses it within half a minute)")
    return 0


def run_status(args) -> int:
    store = PackStore(rulepack_dir(_home(args)))
    pack, problems = store.load_installed()
    for problem in problems:
        print(f"not used: {problem}")
    if pack:
        print(f"in use: rule pack version {pack.version} for {pack.district} (key {pack.key_id}, {store.folder})")
    else:
        version, where = store.version_in_use()
        print(f"in use: {where} version {version}")
    return 0
