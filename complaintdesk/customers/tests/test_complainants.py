"""Finding the complainant already on file, so a returning person is not asked again."""

import pytest

from complaintdesk.complaints.tests.factories import ComplainantFactory, OrganisationFactory
from complaintdesk.core.errors import DomainError
from complaintdesk.customers.models import Complainant
from complaintdesk.customers.selectors import complainant_find, mask
from complaintdesk.customers.services import complainant_find_or_create

pytestmark = pytest.mark.django_db


def test_a_new_person_is_created_with_their_phone_digits_and_lower_case_email():
    # Given an organisation with nobody on file
    organisation = OrganisationFactory()

    # When a complainant is found or created
    person = complainant_find_or_create(
        organisation, name="陳大文", phone="+852 9123-4567", email=" Chan.TaiMan@Example.COM "
    )

    # Then a record exists with the national number and the e-mail as they will be matched
    person = Complainant.objects.get(pk=person.pk)
    assert person.phone_digits == "91234567"
    assert person.email == "chan.taiman@example.com"
    assert person.organisation == organisation


@pytest.mark.parametrize("typed", ["+852 9123 4567", "852-9123-4567", "(852) 91234567"])
def test_the_same_phone_written_differently_finds_the_same_person(typed):
    # Given a complainant on file with +852 9123 4567
    organisation = OrganisationFactory()
    known = complainant_find_or_create(organisation, name="Chan", phone="+852 9123 4567")

    # When the phone number is typed another way
    found = complainant_find_or_create(organisation, name="Mr Chan", phone=typed)

    # Then it is the same person, and no new record was made
    assert found == known
    assert Complainant.objects.count() == 1


def test_a_local_number_finds_the_person_on_file_with_the_country_code():
    # Given a complainant on file with +852 9123 4567
    organisation = OrganisationFactory()
    known = complainant_find_or_create(organisation, name="Chan", phone="+852 9123 4567")

    # When the receiver types the local number only / Then it is the same person
    assert complainant_find_or_create(organisation, name="Chan", phone="91234567") == known


def test_the_same_email_in_other_letter_case_finds_the_same_person():
    # Given a complainant on file by e-mail
    organisation = OrganisationFactory()
    known = complainant_find_or_create(organisation, name="Lee", email="lee@example.com")

    # When the e-mail is typed in capitals
    found = complainant_find_or_create(organisation, name="Lee", email="LEE@Example.Com")

    # Then it is the same person
    assert found == known
    assert Complainant.objects.count() == 1


def test_a_person_on_file_with_another_organisation_is_not_matched():
    # Given the same phone number on file with another organisation
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    complainant_find_or_create(theirs, name="Wong", phone="61234567")

    # When my organisation looks the number up
    person = complainant_find_or_create(mine, name="Wong", phone="61234567")

    # Then a new record of my organisation is made
    assert person.organisation == mine
    assert Complainant.objects.count() == 2


def test_a_phone_number_too_short_to_identify_anyone_matches_nobody():
    # Given someone on file with a five-digit extension
    organisation = OrganisationFactory()
    ComplainantFactory(organisation=organisation, phone="12345")

    # When the five digits are looked up / Then nobody is found
    assert not complainant_find(organisation, phone="12345").exists()


def test_a_complainant_without_a_name_is_refused():
    # Given an organisation / When a complainant without a name is entered / Then it is refused
    organisation = OrganisationFactory()
    with pytest.raises(DomainError, match="name is required"):
        complainant_find_or_create(organisation, name="   ", phone="91234567")
    assert not Complainant.objects.exists()


def test_a_complainant_without_any_way_to_reach_them_is_refused():
    # Given an organisation / When a complainant has no phone, e-mail or address
    organisation = OrganisationFactory()

    # Then it is refused
    with pytest.raises(DomainError, match="reach the complainant"):
        complainant_find_or_create(organisation, name="Anonymous")
    assert not Complainant.objects.exists()


def test_an_address_alone_is_enough_to_reach_a_complainant():
    # Given / When a letter writer gives only a postal address
    person = complainant_find_or_create(
        OrganisationFactory(), name="Ms Ho", address="Flat 3A, Block 2, Sha Tin"
    )

    # Then the record is made
    assert person.pk is not None


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError):
        complainant_find_or_create(OrganisationFactory(), name="X", phone="91234567", age="40")


@pytest.mark.parametrize(
    ("value", "masked"),
    [("", ""), ("A123", "••••"), ("A1234567", "A1••••67"), ("M1234567(8)", "M1•••••••8)")],
)
def test_identity_numbers_are_masked_for_those_who_may_not_see_them(value, masked):
    assert mask(value) == masked
