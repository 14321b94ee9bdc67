"""Amounts of money as the records keep them: at most 12 digits before the point and 2 after
(the models' DecimalField(max_digits=14, decimal_places=2)). A larger or non-finite amount is
refused before it is written: SQLite would keep it as a float that no page could read back."""

from decimal import Decimal

from django.utils.translation import gettext as _

MAX_DIGITS = 14
DECIMAL_PLACES = 2
LARGEST = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES) - Decimal("0.01")


def amount_problems(amount: Decimal | None) -> list[str]:
    """What is wrong with an amount, in the user's language (empty: it can be kept)."""
    if amount is None:
        return []
    if not amount.is_finite():
        return [_("The amount is not a number.")]
    problems = []
    if amount < 0:
        problems.append(_("The amount cannot be negative."))
    if abs(amount) > LARGEST:
        problems.append(
            _("The amount can be at most %(largest)s.") % {"largest": f"{LARGEST:,.2f}"}
        )
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        problems.append(_("The amount can have at most two decimal places."))
    return problems
