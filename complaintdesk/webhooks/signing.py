"""How a receiver knows a request came from us and is fresh.

`X-ComplaintDesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed
with the subscription's secret. The timestamp is inside what is signed, so a captured request
replayed later fails the receiver's tolerance check; `v1` names the scheme, so a second one
can be added beside it without breaking receivers that know only the first.
"""

import base64
import hashlib
import hmac
import time
from urllib.parse import quote_plus

SIGNATURE_HEADER = "X-ComplaintDesk-Signature"
TIMESTAMP_HEADER = "X-ComplaintDesk-Timestamp"
EVENT_HEADER = "X-ComplaintDesk-Event"
DELIVERY_HEADER = "X-ComplaintDesk-Delivery"


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def signature_verify(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """What a receiver does: the header parses, is no older (nor newer) than `tolerance`
    seconds, and one of its v1 signatures matches, compared in constant time."""
    parts = [part.split("=", 1) for part in header.split(",") if "=" in part]
    stamps = [value for key, value in parts if key.strip() == "t"]
    signatures = [value.strip() for key, value in parts if key.strip() == "v1"]
    if len(stamps) != 1 or not stamps[0].strip().isdigit() or not signatures:
        return False
    timestamp = int(stamps[0])
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = _digest(secret, timestamp, body)
    return any(hmac.compare_digest(expected, signature) for signature in signatures)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's own "additional signature" for a group robot: base64 of HMAC-SHA256 over
    "<timestamp ms>\\n<secret>", keyed with the secret, URL-encoded for the query string."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode())
