"""The test suite's shared plumbing, used by the unit tests, the browser tests (Chromium and Firefox)
and the benchmarks alike:

- paths: the repository root and the virtual environment's Python;
- ports: a free local port;
- origins: the extension origins tests act as;
- helper_process: a real `python -m helper serve` on a real port, with its own data folder;
- app_client: a Flask test client that sends the exact Host header the helper checks;
- rule_packs: signed rule packs with a district rule, installed as `rules install` does;
- siteserver: the local HTTPS server that answers for the real social-site host names;
- waiting: polling for a state outside the browser, with a timeout and a message saying what was awaited.

Import it as `tests.support.<module>` (pyproject.toml puts the repository root on pytest's path; the
benchmarks run as `python -m bench.<name>` from the root)."""
