"""Property-based fuzzing of every route in helper/openapi.json against the real app (real SQLite,
real keyring): bodies generated from the document's own request schemas, arbitrary JSON, arbitrary
bytes and content types, odd path parameters and headers. No answer may be a 500, every error is
JSON {"error": ...}, every status is one the document lists, and every documented success answer
matches its schema."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import jsonschema
import pytest
from tests.support.origins import EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.api.openapi import DOCUMENT
from helper.security.ratelimit import RateLimiter

DOC = json.loads(DOCUMENT.read_text(encoding="utf-8"))
FUZZ = settings(max_examples=120, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])
ALWAYS_POSSIBLE = {403, 404, 405, 429, 503}   # Host/Origin refusals, rate limits, no keyring


def resolve(node, for_response: bool = False):
    """The document's schema with $refs inlined, made plain JSON Schema (OpenAPI 'nullable' etc.)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = DOC
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return resolve(target, for_response)
        out = {k: resolve(v, for_response) for k, v in node.items()
               if k not in ("example", "description", "nullable", "summary")}
        if out.get("format") not in (None, "date-time"):
            del out["format"]
        if node.get("nullable") and "type" in out:
            out["type"] = [out["type"], "null"]
        return out
    if isinstance(node, list):
        return [resolve(v, for_response) for v in node]
    return node


OPERATIONS = [(path, method, op) for path, item in DOC["paths"].items() for method, op in item.items()]


def concrete(path: str, value) -> str:
    return re.sub(r"\{[^}]+\}", lambda m: str(value), path)


def documented(op: dict) -> set[int]:
    return {int(code) for code in op["responses"]}


def check_answer(op: dict, response, label):
    assert response.status_code != 500, label
    assert response.status_code in documented(op) | ALWAYS_POSSIBLE, (label, response.status_code)
    body = response.get_json(silent=True)
    assert body is not None, (label, response.data[:200])
    if response.status_code >= 400:
        assert isinstance(body.get("error"), str) and body["error"], (label, body)
    spec = op["responses"].get(str(response.status_code))
    if spec:
        spec = resolve(spec, True)
        schema = spec.get("content", {}).get("application/json", {}).get("schema")
        if schema:
            jsonschema.validate(body, schema)


@pytest.fixture
def fuzz_app(app):
    # The per-Origin limits would soon turn every fuzzed request into a 429 and hide the routes.
    app.extensions["sg.ratelimit"] = RateLimiter(rate=1e6, burst=1e6)
    app.extensions["sg.authfail"] = RateLimiter(rate=1e6, burst=1e6)
    return app


def from_schema(schema: dict):
    """A Hypothesis strategy for values that a (resolved) schema of this document allows."""
    if "oneOf" in schema:
        return st.one_of([from_schema(s) for s in schema["oneOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(schema.get("minimum", -2 ** 64), schema.get("maximum", 2 ** 64))
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "string":
        lo, hi = schema.get("minLength", 0), min(schema.get("maxLength", 60), 300)
        if schema.get("format") == "date-time":
            recent = st.datetimes(min_value=datetime(2020, 1, 2), max_value=datetime(2026, 1, 1),
                                  timezones=st.just(timezone.utc))
            times = (recent | st.datetimes(timezones=st.timezones() | st.just(None))).map(lambda d: d.isoformat())
            return (times | st.text(max_size=hi)).filter(lambda s: lo <= len(s) <= hi)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: lo <= len(s) <= hi)
        return st.text(min_size=lo, max_size=hi)
    if kind == "array":
        hi = min(schema.get("maxItems", 5), 5)
        lo = min(schema.get("minItems", 0), hi)
        return st.lists(from_schema(schema.get("items", {})), min_size=lo, max_size=hi,
                        unique_by=(lambda v: json.dumps(v)) if schema.get("uniqueItems") else None)
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = [k for k in schema.get("required", []) if k in props]
        optional = {k: v for k, v in props.items() if k not in required}
        base = st.fixed_dictionaries({k: from_schema(props[k]) for k in required},
                                     optional={k: from_schema(v) for k, v in optional.items()})
        return base
    return json_values()


def json_values():
    scalars = st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats(allow_nan=False) | st.text(max_size=50)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) |
                        st.dictionaries(st.text(max_size=12), inner, max_size=6), max_leaves=20)


def test_the_document_lists_every_route_of_the_app(app):
    served = {(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower())
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/v1/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    listed = {(path, method) for path, method, _ in OPERATIONS}
    assert {(p.replace("{browser_id}", "{id}"), m) for p, m in served} == listed


@pytest.mark.parametrize("path,method,op", OPERATIONS, ids=[f"{m.upper()} {p}" for p, m, _ in OPERATIONS])
def test_bodies_from_the_schemas_never_get_a_500(fuzz_app, client, pair, path, method, op):
    token = pair()
    auth = {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}
    body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    bodies = from_schema(resolve(body_schema)) if body_schema else st.none()
    seen = set()

    @FUZZ
    @given(body=bodies, param=st.integers(-5, 5) | st.integers(2 ** 63 - 2, 2 ** 80) | st.just(1))
    def run(body, param):
        url = concrete(path, param)
        headers = dict(auth)
        if path == "/v1/pair":
            headers = {"Origin": EXTENSION_ORIGIN}
            fuzz_app.extensions["sg.pairing"].lockout.success()
        response = client.open(url, method=method.upper(), headers=headers,
                               **({"json": body} if body_schema else {}))
        check_answer(op, response, (method, url, body))
        seen.add(response.status_code)

    run()
    if path not in ("/v1/pair", "/v1/check-image", "/v1/browsers/{id}"):
        assert any(200 <= s < 300 for s in seen), seen   # the generated bodies do reach the route


@pytest.mark.parametrize("path,method,op", OPERATIONS, ids=[f"{m.upper()} {p}" for p, m, _ in OPERATIONS])
def test_arbitrary_json_bytes_and_headers_never_get_a_500(fuzz_app, client, token, path, method, op):
    good = f"Bearer {token}"

    @FUZZ
    @given(body=json_values().map(lambda v: json.dumps(v).encode()) | st.binary(max_size=300),
           content_type=st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain",
                                         "application/x-www-form-urlencoded", "", "application/json; charset=latin-1"]),
           authorization=st.sampled_from([good, "", "Bearer", "Bearer " + "x" * 300, "Basic Zm9vOmJhcg==",
                                          good + " extra", "bearer " + token]) | st.text(max_size=40),
           origin=st.sampled_from([EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN, "https://evil.example", "null", None]),
           param=st.text(max_size=30) | st.integers())
    def run(body, content_type, authorization, origin, param):
        headers = {"Content-Type": content_type}
        if authorization.isascii() and "\n" not in authorization and "\r" not in authorization:
            headers["Authorization"] = authorization
        if origin:
            headers["Origin"] = origin
        url = concrete(path, param) if "{" in path else path
        if "{" in path and not url.isascii():
            return
        response = client.open(url, method=method.upper(), data=body, headers=headers)
        check_answer(op, response, (method, url, body[:80], headers))

    run()


# ---- hostile values: what a red team sends --------------------------------------------------------------
# Raw JSON text, so that what json.dumps cannot write (a 5,000-digit integer) can be sent too.
HUGE_INTEGERS = st.integers(4301, 12_000).map(lambda n: "9" * n) | st.integers(4301, 6000).map(lambda n: "-" + "1" * n)
SURROGATES = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.characters(max_codepoint=0x2FF),
                     min_size=1, max_size=12).filter(lambda s: any(0xD800 <= ord(c) <= 0xDFFF for c in s)).map(json.dumps)
CONTROLS = st.text(st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u2029\u202e\u2066\ufeff\ufffe"),
                   min_size=1, max_size=20).map(json.dumps)
DEEP = st.integers(200, 3000).flatmap(lambda n: st.sampled_from(["[" * n + "]" * n, '{"a":' * n + "1" + "}" * n]))
ODD_NUMBERS = st.sampled_from(["1e999999", "-1e999999", "1.7976931348623157e309", "-0", "0.0000000000000000000001",
                               "123456789012345678901234567890"])
HOSTILE = st.one_of(HUGE_INTEGERS, SURROGATES, CONTROLS, DEEP, ODD_NUMBERS)


def hostile_json(data, value, depth: int = 0) -> str:
    """The value as JSON text, with hostile values drawn in place of some of its parts (and keys)."""
    if depth < 4 and data.draw(st.integers(0, 3)) == 0:
        return data.draw(HOSTILE)
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            name = data.draw(SURROGATES | CONTROLS) if data.draw(st.integers(0, 9)) == 0 else json.dumps(key)
            items.append(f"{name}: {hostile_json(data, item, depth + 1)}")
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(hostile_json(data, v, depth + 1) for v in value) + "]"
    return json.dumps(value)


@pytest.mark.parametrize("path,method,op", OPERATIONS, ids=[f"{m.upper()} {p}" for p, m, _ in OPERATIONS])
def test_hostile_values_in_every_routes_bodies_never_get_a_5xx(fuzz_app, client, pair, path, method, op):
    token = pair()
    auth = {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN, "Content-Type": "application/json"}
    body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    shapes = from_schema(resolve(body_schema)) if body_schema else json_values()

    @FUZZ
    @given(shape=shapes, data=st.data(), param=st.integers(-5, 5) | HUGE_INTEGERS)
    def run(shape, data, param):
        raw = hostile_json(data, shape).encode("utf-8")
        headers = dict(auth)
        if path == "/v1/pair":
            headers = {"Origin": EXTENSION_ORIGIN, "Content-Type": "application/json"}
            fuzz_app.extensions["sg.pairing"].lockout.success()
        url = concrete(path, param)
        response = client.open(url, method=method.upper(), data=raw, headers=headers)
        assert response.status_code < 500, (method, url, raw[:200], response.get_json(silent=True))
        body = response.get_json(silent=True)
        assert body is not None, (method, url, response.data[:200])
        if response.status_code >= 400:
            assert isinstance(body.get("error"), str) and body["error"], body

    run()


def test_the_hostile_values_are_refused_plainly_where_json_cannot_hold_them(client, auth):
    headers = {**auth, "Content-Type": "application/json"}
    for path, raw, words in (
            ("/v1/check", b'{"text": ' + b"9" * 5000 + b', "site": "x", "surface": "post"}', "too many digits"),
            ("/v1/pair", b'{"code": "ABCD-2345", "name": "\\ud800"}', "lone UTF-16 surrogate"),
            ("/v1/check", b"[" * 100_000 + b"]" * 100_000, "nested too deeply")):
        response = client.post(path, data=raw, headers=headers)
        assert response.status_code == 400 and words in response.get_json()["error"]
