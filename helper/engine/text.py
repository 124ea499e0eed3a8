"""Text preparation shared by every matcher.

Unicode space characters are turned into plain spaces (one for one, so spans do not move): the
JavaScript engine's \\s matches them and Python's ASCII \\s does not, and both engines must agree.
"""
import re

_UNICODE_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]")


def prepare(text: str) -> str:
    return _UNICODE_SPACES.sub(" ", text)
