"""A reply sent by post is laid out as a PDF letter on the organisation's letterhead, in the
complainant's script; its text is read back with pdftotext, as a printer would see it."""

import shutil
import subprocess

import pytest

from complaintdesk.complaints import services
from complaintdesk.complaints.tests.factories import ComplaintFactory, drive_to, handler_for
from complaintdesk.correspondence.models import Letter, LetterStatus
from complaintdesk.correspondence.pdf import letter_pdf_bytes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed"),
]


def _text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize(
    ("language", "decision", "expected"),
    [
        ("zh-hant", "已更換升降機控制器，並豁免本月管理費。", "我們對您的投訴"),
        ("zh-hans", "已退还重复收取的手续费。", "我们对您的投诉"),
    ],
)
def test_a_reply_by_post_is_a_pdf_letter_whose_chinese_text_reads_back(
    tmp_path, language, decision, expected
):
    # Given an organisation with a letterhead and a complainant with a postal address
    complaint = ComplaintFactory(language=language)
    organisation = complaint.organisation
    organisation.letterhead = "香港沙田源禾路 1 號 · 電話 2345 6789"
    organisation.save()
    complaint.complainant.address = "沙田第一城 2 座 10 樓 A 室"
    complaint.complainant.save()
    handler = handler_for(complaint)
    drive_to(complaint, "proposed", handler=handler)

    # When the handler sends the reply as a letter
    services.complaint_reply(
        complaint, handler, channel="letter", text=decision, reasons="控制器老化。"
    )

    # Then the letter for the post is a PDF, kept with the letter
    letter = Letter.objects.get()
    assert letter.status == LetterStatus.READY
    assert letter.pdf.name.endswith(".pdf")
    # And its text, read back, has the letterhead, the address, the reference and the decision
    text = "".join(_text_of(letter.pdf.read(), tmp_path).split())
    for words in (
        organisation.name,
        "香港沙田源禾路1號",
        "沙田第一城2座10樓A室",
        complaint.reference,
        expected,
        "".join(decision.split()),
    ):
        assert "".join(words.split()) in text, words


def test_an_english_letter_reads_back_too(tmp_path):
    complaint = ComplaintFactory(language="en")
    complaint.complainant.address = "Flat A, 10/F, Block 2, City One, Sha Tin"
    complaint.complainant.save()
    handler = handler_for(complaint)
    drive_to(complaint, "proposed", handler=handler)
    services.complaint_reply(
        complaint, handler, channel="letter", text="We replaced the lift.", reasons="Old parts."
    )

    text = _text_of(letter_pdf_bytes(Letter.objects.get()), tmp_path)

    assert "Our answer to your complaint" in text
    assert "We replaced the lift." in text
