"""The handler's letter to the complainant: the draft from the template, corrected before it
goes. Parsing only; the correspondence service checks again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.correspondence.models import LetterChannel, LetterKind

# What a handler writes by hand; the decision goes out with the reply itself, the question
# with the request for information.
COMPOSABLE = (LetterKind.PROGRESS_UPDATE, LetterKind.ACKNOWLEDGEMENT, LetterKind.SURVEY_INVITATION)


class LetterForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(kind.value, kind.label) for kind in COMPOSABLE], widget=forms.HiddenInput
    )
    channel = forms.ChoiceField(label=_("Send as"), choices=LetterChannel.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
