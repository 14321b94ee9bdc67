"""Set-up for webhook tests: a subscription of an organisation, pointed at the test's receiver."""

import factory
from factory.django import DjangoModelFactory

from complaintdesk.complaints.tests.factories import OrganisationFactory
from complaintdesk.webhooks.choices import EventType, Format
from complaintdesk.webhooks.models import WebhookSubscription

SECRET = "whsec-test-8d2f6c1e0b9a4d7f"


class WebhookSubscriptionFactory(DjangoModelFactory):
    """A signed JSON subscription to `complaint.created`; pass `url=receiver.url`."""

    class Meta:
        model = WebhookSubscription

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Estate office system {n}")
    url = "http://127.0.0.1:9/unused"
    format = Format.JSON
    events = factory.LazyFunction(lambda: [EventType.CREATED.value])
    secret = SECRET
