"""Raw RFC 822 messages as real mailers send them: bodies and headers in a declared charset
(and, as Chinese mailers do, GBK text declared as GB2312, Big5-HKSCS as Big5)."""

import base64
from email.utils import formatdate

# What each declared charset's text is really written in.
_WRITTEN_IN = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}


def _word(text: str, charset: str) -> str:
    encoded = base64.b64encode(text.encode(_WRITTEN_IN.get(charset, charset))).decode()
    return f"=?{charset}?B?{encoded}?="


def raw_mail(
    *,
    subject: str = "升降機停用三日",
    body: str = "第二座升降機已停用三日，長者無法出入。",
    charset: str = "utf-8",
    sender: str = "陳大文 <tai.man@example.com>",
    to: str = "complaints@harbourview.example",
    message_id: str = "<first@mail.example.com>",
    headers: dict[str, str] | None = None,
    attachment: tuple[str, str, bytes] | None = None,
) -> bytes:
    name, _, address = sender.rpartition(" ")
    lines = [
        f"From: {_word(name, charset) if name else ''} {address}".strip(),
        f"To: {to}",
        f"Subject: {_word(subject, charset)}",
        f"Date: {formatdate(localtime=True)}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
    ]
    lines += [f"{key}: {value}" for key, value in (headers or {}).items()]
    text = base64.b64encode(body.encode(_WRITTEN_IN.get(charset, charset))).decode()
    text_part = [
        f"Content-Type: text/plain; charset={charset}",
        "Content-Transfer-Encoding: base64",
        "",
        text,
    ]
    if attachment is None:
        message = [*lines, *text_part]
    else:
        filename, content_type, content = attachment
        message = [
            *lines,
            'Content-Type: multipart/mixed; boundary="b1"',
            "",
            "--b1",
            *text_part,
            "--b1",
            f"Content-Type: {content_type}",
            f'Content-Disposition: attachment; filename="{filename}"',
            "Content-Transfer-Encoding: base64",
            "",
            base64.b64encode(content).decode(),
            "--b1--",
        ]
    return ("\r\n".join(message) + "\r\n").encode("ascii")


def bounce_of(message_id: str, *, to: str = "tai.man@example.com") -> bytes:
    """A delivery status notification, as a mail server sends one back."""
    return "\r\n".join(
        [
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
            "To: complaintdesk@localhost",
            "Subject: Undelivered Mail Returned to Sender",
            "Message-ID: <bounce-1@mx.example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
            "",
            "--r",
            "Content-Type: text/plain",
            "",
            f"Your message to <{to}> could not be delivered: mailbox unavailable.",
            "--r",
            "Content-Type: message/delivery-status",
            "",
            f"Final-Recipient: rfc822; {to}",
            "Action: failed",
            "Status: 5.1.1",
            "--r",
            "Content-Type: text/rfc822-headers",
            "",
            f"Message-ID: {message_id}",
            "--r--",
            "",
        ]
    ).encode("ascii")
