"""Phone numbers, judged with libphonenumber (international formats included): a run of digits that
libphonenumber calls a valid number, or any 7-15 digit run right after a phone word ("Phone:",
"call me on", "Mobile:") or right before one ("-Office", " fax")."""
from __future__ import annotations

import re

import phonenumbers

from ..validators import digits, looks_like_a_list, toll_free

RULE = "pii.phone.parsed"
# A run of digits with the separators people type (the count of digits is checked below).
_CANDIDATE = re.compile(r"(?<![\w+/.:$#])(?<![0-9],)(?:\+|00)?\(?[0-9][0-9 ().\-]{4,22}[0-9](?: ?(?:x|ext\.?) ?[0-9]{1,5})?(?![\w/%]|[.,:][0-9]|-\w)",
                        re.ASCII | re.IGNORECASE)
# A phone or messaging word right before the number, English or Spanish ("my cell is", "Phones:",
# "WhatsApp me at", "llámame al", "mi celular es").
_BEFORE = re.compile(r"(?:\b(?:phones?|ph|tel|telephone|cell|cellphone|mobile|mob|fax|desk|office|whats ?app|signal|telegram|"
                     r"viber|sms|call(?: me)?|text(?: me)?|reach (?:me|us)|answering|messages to|registered|dial|"
                     r"celular|cel|tel[eé]fono|m[oó]vil|ll[aá]m(?:ame|enme|eme)|marc(?:a|ame)|escr[ií]b(?:eme|anme)|"
                     r"m[aá]nd(?:ame|enme)(?: un)? (?:mensaje|texto|whats ?app)|"
                     r"number)(?: (?:number|no\.?|#|n[uú]mero))?(?: is| are| es|:)?(?: on| at| al| a)?"
                     r"|\bno\.)[\s:#.\-]*$", re.IGNORECASE)
_AFTER = re.compile(r"^[\s\-,(]{0,3}(?:office|mobile|cell|fax|home|work|phone|tel)\b", re.ASCII | re.IGNORECASE)
# Dates, times, ranges of years, ISBNs and the like are not phone numbers, whatever libphonenumber says.
_NOT_PHONE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}|^[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}$|^(?:19|20)[0-9]{2} ?- ?(?:19|20)[0-9]{2}$"
                        r"|^97[89]-|^[0-9]{1,2}:[0-9]{2}|^[0-9]{3}-[0-9]{2}-[0-9]{4}$")
# Numbers that context words say are something else (an SSN, a card, an account).
_OTHER_NUMBER = re.compile(r"\b(?:social security|ssn|seguro social|card|account|acct|licen[cs]e|routing|passport|order|"
                           r"invoice|tracking|iban|member|policy|case|ticket|part|model|serial|item|sku|product|"
                           r"confirmation|reference|ref|badge|id|team|room|bus|route|jersey|locker|student|pin|code|zip|seat)\b", re.ASCII | re.IGNORECASE)
_LAST_DIGIT = re.compile(r"[0-9](?=[^0-9]*$)")
_SEPARATED = re.compile(r"[ ().\-]|^\+")


def _public(d: str, settings: dict) -> bool:
    """One of the district's public numbers, or a toll-free one (a business's or a hotline's)."""
    if toll_free(d):
        return True
    return len(d) >= 10 and d[-10:] in {digits(p)[-10:] for p in settings.get("public_phones", []) if p}


def _valid(raw: str) -> bool:
    """libphonenumber's verdict: a US number, or an international one written with + or 00 (one
    written with + and no separator, +442345678900, need only have a possible length)."""
    text = "+" + raw[2:] if raw.startswith("00") else raw
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) or (text.startswith("+") and phonenumbers.is_possible_number(number))


# A code of letters and digits right before the digits (IE29 AIBK A311 5212 3456 78): they are its groups.
_CODE_BEFORE = re.compile(r"(?:[A-Za-z]+[0-9]|[0-9]+[A-Za-z])[A-Za-z0-9]* $")


def find_phones(text: str, data: dict, settings: dict):
    for m in _CANDIDATE.finditer(text):
        raw = m.group(0).rstrip(" .-(")
        d = digits(raw)
        n = len(d)
        if not 7 <= n <= 15 or (len(set(d)) == 1 and n != 10) or _NOT_PHONE.search(raw) or _public(d, settings):
            continue   # (one digit repeated is a placeholder, unless it has a whole number's ten digits)
        end = m.start() + len(raw)
        before = text[max(0, m.start() - 30):m.start()]
        if _CODE_BEFORE.search(before) or looks_like_a_list(raw):
            continue
        # Words before an earlier number are that number's ("SSN 078-05-1120, phone +44 ..."): not this one's.
        last = _LAST_DIGIT.search(before)
        if _OTHER_NUMBER.search(before[last.end():] if last else before):
            continue
        in_context = _BEFORE.search(before) or _AFTER.search(text[end:end + 12])
        # A bare run of digits (an order or account number?) needs a phone word; a written number does not.
        if in_context or ((_SEPARATED.search(raw) or raw.startswith("+")) and 10 <= n and _valid(raw)):
            yield RULE, (m.start(), end)
