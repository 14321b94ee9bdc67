"""Reading one RFC 822 message as the intake needs it: who sent it, what it answers, its text
and files, and whether a person wrote it at all.

Chinese mail often declares a narrower charset than it uses (GB2312 for text with GBK-only
characters, Big5 for Hong Kong characters of Big5-HKSCS), so each declared charset is read
as its superset; what still cannot be decoded is replaced, never dropped.
"""

import hashlib
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.header import decode_header
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

# What a declared charset is read as.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}
_MESSAGE_ID = re.compile(r"<[^<>\s]+@[^<>\s]+>")


def charset_for(declared: str | None) -> str:
    name = (declared or "utf-8").strip().strip('"').lower()
    return _SUPERSETS.get(name, name)


def _decode(payload: bytes, declared: str | None) -> str:
    """`declared` None (raw 8-bit text, which some mailers send in headers): UTF-8 if it is
    that, else the Chinese national charset."""
    if declared is None:
        for guess in ("utf-8", "gb18030"):
            try:
                return payload.decode(guess)
            except UnicodeDecodeError:
                continue
    try:
        return payload.decode(charset_for(declared), errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("utf-8", errors="replace")


def header_text(value: str | None) -> str:
    """A header decoded from its encoded words, each in its charset's superset."""
    if not value:
        return ""
    parts = []
    for chunk, declared in decode_header(str(value)):
        if isinstance(chunk, str):
            # No encoded word: raw bytes the parser kept as surrogates, or plain ASCII.
            chunk = chunk.encode("utf-8", "surrogateescape")
        parts.append(_decode(chunk, declared))
    return "".join(parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()


@dataclass
class InboundFile:
    name: str
    content_type: str
    content: bytes


@dataclass
class ParsedMail:
    message_id: str
    sender_name: str
    sender_email: str
    subject: str
    text: str
    # Message-IDs this one answers (In-Reply-To, then References).
    answers: list[str] = field(default_factory=list)
    files: list[InboundFile] = field(default_factory=list)
    # Why no person wrote it ("auto-reply", "bounce", "loop"), or empty.
    automatic: str = ""
    # For a bounce: the Message-IDs of ours it names.
    bounced: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return _decode(payload, part.get_content_charset())


def _body_and_files(message: Message) -> tuple[str, list[InboundFile]]:
    plain, html, files = [], [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        disposition = (part.get_content_disposition() or "").lower()
        filename = part.get_filename()
        content_type = part.get_content_type()
        if disposition == "attachment" or (filename and content_type not in ("text/plain",)):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                files.append(
                    InboundFile(header_text(filename) or "attachment", content_type, payload)
                )
        elif content_type == "text/plain":
            plain.append(_part_text(part))
        elif content_type == "text/html":
            html.append(html_to_text(_part_text(part)))
    text = "\n\n".join(t for t in plain if t.strip()) or "\n\n".join(html)
    return text.strip(), files


def _automatic(message: Message, sender: str, own_addresses: set[str]) -> str:
    auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
    precedence = (message.get("Precedence") or "").strip().lower()
    if sender.lower() in own_addresses or message.get("X-Complaint-Reference"):
        return "loop"
    report = message.get_content_type() == "multipart/report"
    local = sender.split("@")[0].lower()
    if report or local in ("mailer-daemon", "postmaster") or message.get("Return-Path") == "<>":
        return "bounce"
    if (
        auto_submitted != "no"
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or message.get("X-Autoreply")
        or message.get("X-Autorespond")
        or message.get("X-Auto-Response-Suppress") in ("All", "OOF")
    ):
        return "auto-reply"
    return ""


def parse_mail(raw: bytes, *, own_addresses: set[str]) -> ParsedMail:
    """`own_addresses` (lower case): ours, so that our own mail coming back is a loop."""
    message: EmailMessage = message_from_bytes(raw, policy=policy.compat32)  # type: ignore[assignment]
    name, address = parseaddr(header_text(message.get("From")))
    message_id = (message.get("Message-ID") or "").strip()
    if not _MESSAGE_ID.fullmatch(message_id):
        # No usable id: the content itself identifies the message, for delivering it twice.
        message_id = f"<sha256-{hashlib.sha256(raw).hexdigest()}@no-message-id>"
    answers = _MESSAGE_ID.findall(message.get("In-Reply-To") or "")
    answers += [
        found
        for found in _MESSAGE_ID.findall(message.get("References") or "")
        if found not in answers
    ]
    text, files = _body_and_files(message)
    automatic = _automatic(message, address, own_addresses)
    bounced = []
    if automatic == "bounce":
        bounced = sorted(set(_MESSAGE_ID.findall(raw.decode("latin-1"))) - {message_id})
    return ParsedMail(
        message_id=message_id,
        sender_name=name.strip() or address.split("@")[0],
        sender_email=address.strip().lower(),
        subject=" ".join(header_text(message.get("Subject")).split()),
        text=text,
        answers=answers,
        files=files,
        automatic=automatic,
        bounced=bounced,
        headers={"to": ", ".join(a for _, a in getaddresses(message.get_all("To", [])))},
    )
