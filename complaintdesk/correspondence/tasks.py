"""Background delivery of the complainant's mail, run by django_tasks workers."""

from django_tasks import task

from .delivery import letter_deliver
from .models import Letter
from .pdf import letter_pdf_store


@task()
def letter_deliver_task(letter_id: int) -> str:
    return letter_deliver(letter_id)


@task()
def letter_pdf_task(letter_id: int) -> str:
    """Lay out a letter for the post once it is recorded (a second or two with CJK fonts: not
    inside the reply's transaction)."""
    letter = letter_pdf_store(Letter.objects.select_related("complaint").get(pk=letter_id))
    return letter.pdf.name
