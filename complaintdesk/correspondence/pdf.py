"""Letters for the post as PDF: laid out by WeasyPrint on the organisation's letterhead, in
the complainant's language and script (Noto CJK, installed by `make install`)."""

import importlib
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Letter

# The Noto CJK face whose glyphs each script expects (the same character differs in shape
# between mainland and Hong Kong/Taiwan typography).
_FONTS = {
    "zh-hans": '"Noto Sans CJK SC"',
    "zh-hant": '"Noto Sans CJK TC"',
    "en": '"Liberation Sans", "Noto Sans CJK TC"',
}


def letter_pdf_bytes(letter: Letter) -> bytes:
    complaint = letter.complaint
    zone = ZoneInfo(complaint.organisation.time_zone)
    with translation.override(letter.language):
        html = render_to_string(
            "correspondence/letter.html",
            {
                "letter": letter,
                "complaint": complaint,
                "font": _FONTS.get(letter.language, _FONTS["en"]),
                "date": (letter.sent_at or letter.created_at).astimezone(zone).strftime("%Y-%m-%d"),
            },
        )
    # WeasyPrint and its libraries take 42 MB: loaded by the first letter a process lays out
    # (the task worker's, mostly), not by every web worker at start.
    weasyprint = importlib.import_module("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def letter_pdf_store(letter: Letter) -> Letter:
    """Render the letter once and keep the file with it; later downloads serve that file, so
    what is printed is what was recorded, whatever the template says later."""
    if not letter.pdf:
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        letter.pdf.save(
            f"{letter.complaint.reference}-{stamp}.pdf", ContentFile(letter_pdf_bytes(letter))
        )
    return letter
