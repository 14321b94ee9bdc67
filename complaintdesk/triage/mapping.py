"""From the seven codes the seed models suggest to an organisation's own categories: its
mapping rows (admin) first; else a guess from its top-level categories, by the code itself,
the usual abbreviation, or a word of the English name (PRD / Product, SVC / Service …), which
fits the hierarchies people usually draw. A code with no category found is shown as a
suggestion only, never applied."""

from complaintdesk.complaints.models import Category
from complaintdesk.core.request_memo import memoised

from .models import CategoryMapping

DEFAULT_CODES = ("product", "service", "price", "logistics", "facilities", "safety", "other")
# For each default code: abbreviations and English words its category is usually known by.
_KNOWN_AS = {
    "product": ("prd", "prod", "product", "goods"),
    "service": ("svc", "srv", "service", "attitude", "staff"),
    "price": ("fee", "prc", "price", "fees", "charges", "billing"),
    "logistics": ("dlv", "log", "delivery", "logistics", "shipping"),
    "facilities": ("fac", "facility", "facilities", "building", "property"),
    "safety": ("saf", "safety", "security", "hazard"),
    "other": ("oth", "other", "misc", "others"),
}


def categories_for(organisation_id: int) -> dict[str, Category]:
    """{default code: the organisation's category}, for the codes that have one."""
    return memoised(("triage-categories", organisation_id), lambda: _read(organisation_id))


def _read(organisation_id: int) -> dict[str, Category]:
    found: dict[str, Category] = {
        row.code: row.category
        for row in CategoryMapping.objects.filter(organisation_id=organisation_id)
        .select_related("category")
        .filter(category__is_active=True)
    }
    tops = list(
        Category.objects.filter(
            organisation_id=organisation_id, parent__isnull=True, is_active=True
        ).order_by("sort_order", "code")
    )
    for code in DEFAULT_CODES:
        if code not in found:
            guess = next((c for c in tops if _known_as(c, code)), None)
            if guess is not None:
                found[code] = guess
    return found


def _known_as(category: Category, code: str) -> bool:
    words = {category.code.casefold(), *category.name_en.casefold().replace("/", " ").split()}
    return bool(words & set(_KNOWN_AS[code]))
