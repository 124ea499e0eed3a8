"""The two measures the accessibility tests take on a dialog, as JavaScript function bodies that
read Social Guard's open shadow root: the focus ring's contrast with what is around it, and the
dead space above the buttons. Chromium (tests/e2e/test_accessibility.py) wraps each in an arrow
function for Playwright; Firefox (tests/e2e_firefox/firefox_axe.py) runs it as Marionette's script."""

# The focused element's outline against the colour right around it (the dialog's background).
RING = """
const root = document.querySelector('social-guard-root').shadowRoot;
const el = root.activeElement;
if (!el) return {style: 'nothing focused', ratio: 0};
const box = el.closest('dialog, [role="alertdialog"]');
const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                             return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const ring = getComputedStyle(el).outlineColor, around = getComputedStyle(box).backgroundColor;
const [a, b] = [lum(rgb(ring)), lum(rgb(around))].sort((x, y) => y - x);
return {ratio: (a + 0.05) / (b + 0.05), style: getComputedStyle(el).outlineStyle, ring, around,
        focused: el.dataset.role || el.tagName, visible: el.matches(':focus-visible')};
"""

# The gap between the last thing drawn before the buttons and the buttons themselves.
GAP = """
const d = document.querySelector('social-guard-root').shadowRoot.querySelector('[role="alertdialog"]');
const actions = d.querySelector('.actions');
let prev = actions.previousElementSibling;
while (prev && prev.getBoundingClientRect().height === 0) prev = prev.previousElementSibling;
return actions.getBoundingClientRect().top - prev.getBoundingClientRect().bottom;
"""
