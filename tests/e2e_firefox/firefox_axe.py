"""axe-core (package.json, node_modules/axe-core) in a real Firefox over Marionette, and the two
measures the Chromium tests (tests/e2e/test_accessibility.py) take on each dialog: the focus ring's
contrast and the dead space above the buttons. Everything runs with sandbox=None, in the page's own
global: that is where axe.run looks for its `axe`, where the overlay's open shadow root is read as the
page reads it, and Marionette's evaluation is the browser's own, so the extension's and the helper's
pages (whose CSP forbids injected scripts, as it should) get axe too."""
from __future__ import annotations

from pathlib import Path

from a11y_measures import GAP, RING

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

OVERLAY = "social-guard-root"
CHANNEL_BANNER = "social-guard-channel-banner"

# Scoped to a host element (axe walks into its open shadow root), or the whole page when scope is null.
RUN_AXE = """
const scope = arguments[0];
const context = scope ? document.querySelector(scope) : document;
if (!context || (scope && !context.shadowRoot)) return {error: 'nothing to check at ' + scope};
return axe.run(context, {resultTypes: ['violations']}).then((result) => ({
  checked: result.passes.length + result.violations.length,
  serious: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3)})),
}));
"""

_source: str | None = None


def axe(session, scope: str | None = None) -> list:
    """The serious and critical violations axe finds on the current tab (within `scope`'s shadow root)."""
    global _source
    _source = _source or AXE.read_text(encoding="utf-8")
    session.m.execute_script(_source, sandbox=None)
    result = session.m.execute_script(RUN_AXE, script_args=[scope], sandbox=None)
    assert "error" not in result, result
    assert result["checked"] > 0, f"axe checked nothing ({scope or session.url()})"
    return result["serious"]


def add_nameless_button(session, scope: str | None = None) -> None:
    """A deliberately broken control: a button with no accessible name, inside `scope` or the page."""
    session.m.execute_script(
        "const s = arguments[0]; const b = document.createElement('button'); b.id = 'nameless';"
        "const at = s ? document.querySelector(s).shadowRoot.querySelector('[role=\"alertdialog\"]') : document.body;"
        "at.appendChild(b);", script_args=[scope], sandbox=None)


def focus_ring(session) -> dict:
    return session.m.execute_script(RING, sandbox=None)


def space_above_buttons(session) -> float:
    return session.m.execute_script(GAP, sandbox=None)
