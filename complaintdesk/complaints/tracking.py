"""The complainant's tracking code: what lets a person with no login follow their complaint.

The code is derived, never stored: an HMAC (keyed by the site's SECRET_KEY) of the reference
and the complaint's own random `tracking_key`. A copy of the database alone therefore gives
nobody a way in, every mail can carry the same code again, and a new key withdraws all the
codes given out before. Twelve characters of Crockford's base32 (60 bits) are short enough to
read over the phone; failed look-ups are throttled by the page.
"""

import base64
import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Complaint

_SALT = "complaintdesk.complaints.tracking"
_LENGTH = 12
# Crockford's alphabet has no I, L, O or U: nothing to misread between 1, l, 0 and O.
_STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = str.maketrans(_STANDARD, _CROCKFORD)
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def tracking_key_new() -> str:
    return secrets.token_hex(16)


def tracking_code(complaint: Complaint) -> str:
    """The code, grouped for reading as XXXX-XXXX-XXXX."""
    digest = salted_hmac(
        _SALT, f"{complaint.reference}:{complaint.tracking_key}", algorithm="sha256"
    ).digest()
    code = base64.b32encode(digest).decode().translate(_TO_CROCKFORD)[:_LENGTH]
    return "-".join(code[i : i + 4] for i in range(0, _LENGTH, 4))


def _normalised(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_READ_AS)


def tracking_code_matches(complaint: Complaint, code: str) -> bool:
    """Typed with or without the dashes, in either case, O for 0 and I or L for 1."""
    if not complaint.tracking_key:
        return False
    return constant_time_compare(_normalised(tracking_code(complaint)), _normalised(code))


def tracked_complaint(reference: str, code: str) -> Complaint | None:
    """The complaint this reference and code open, or None; which of the two was wrong is not
    said, so that a guess learns nothing."""
    complaint = (
        Complaint.objects.select_related("organisation")
        # References are upper case: an exact match on the unique index, never a scan.
        .filter(reference=reference.strip().upper())
        .first()
    )
    if complaint is None or not tracking_code_matches(complaint, code):
        return None
    return complaint
