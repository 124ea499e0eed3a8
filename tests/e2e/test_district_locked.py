"""District settings locked, in the popup (real Chromium with a real managed policy, as
tests/e2e/test_managed_policy.py sets it up): the lists the policy sets, which the popup has no
field for, are named read-only, "Set by your district"; the managed helper address is locked
under Advanced; turning a site the district does not lock off still asks first."""
from __future__ import annotations

from test_managed_policy import MANAGED_PORT, managed_ctx, policy_ext, popup  # noqa: F401  (fixtures)


def test_the_popup_names_what_the_district_sets(popup):  # noqa: F811
    note = popup.locator("#district-set")
    note.wait_for()
    assert note.inner_text() == "Set by your district: approved channels."
    popup.get_by_text("Advanced").click()
    field = popup.get_by_label("Helper address")
    assert field.input_value() == f"http://127.0.0.1:{MANAGED_PORT}" and not field.is_editable()
    assert field.get_attribute("title") == "Set by your district"
    facebook = popup.get_by_role("switch", name="Facebook")
    facebook.click()
    popup.get_by_role("button", name="Keep it on").click()
    assert facebook.is_checked()
