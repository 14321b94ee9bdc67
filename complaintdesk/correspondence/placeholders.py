"""Variables in letter templates: `{{ name }}`, replaced by plain text and nothing else.

Not Django's template language: a template an administrator types must not reach objects,
call methods or load tags; here a name is a key of a dict of strings, and that is all.
"""

import re

from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

# Every variable a template may use, with what it holds (shown to administrators).
VARIABLES = {
    "reference": _("the complaint's reference"),
    "subject": _("the complaint's subject"),
    "complainant_name": _("the complainant's name"),
    "organisation": _("the organisation's name"),
    "received_date": _("the date the complaint was received"),
    "handler": _("who handles it (a name or a team)"),
    "due_date": _("the next date promised to the complainant"),
    "tracking_code": _("the private tracking code"),
    "tracking_link": _("the link to the tracking page"),
    "question": _("what the handler asks the complainant for"),
    "progress": _("the progress update's text"),
    "decision": _("the decision and what is offered"),
    "reasons": _("the reasons for the decision"),
    "appeal_route": _("how to ask for a review"),
    "regulator_wording": _("the wording the policy requires in a final reply"),
    "review_until": _("the last day to ask for a review"),
}


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in VARIABLES})


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each variable replaced; one with no value leaves nothing behind."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text)
