"""Who may enter the Django admin: `is_staff` kept in step with the administrator role.

Django's admin lets in active users with `is_staff`, checked by the site's `has_permission`
and again by its login form. The cleaner design would be an admin site whose
`has_permission` reads the role itself, but the site in use is the default one that
"django.contrib.admin" in INSTALLED_APPS creates and config/urls.py mounts; swapping it means
changing both, and its login form too. So the flag follows the role instead: whenever the
admin grants or removes the administrator role, the people concerned gain or lose `is_staff`.
The flag alone grants nothing (`admin_scope`: what an organisation administrator sees comes
from the role), and a superuser never loses it. Role assignments written outside the admin
(the demo, fixtures, a shell) must set the flag themselves, as the demo's `hk.admin` does.
"""

from collections.abc import Iterable

from .models import User
from .selectors import administrators_among


def staff_status_follow_role(user_ids: Iterable[int], *, administrators_before: set[int]) -> None:
    """After the role assignments of `user_ids` changed: whoever now holds the administrator
    role may enter the admin, and whoever held it before and no longer does may not (unless a
    superuser). Anyone else's flag is left as a superuser set it."""
    ids = set(user_ids)
    administrators = administrators_among(ids)
    User.objects.filter(pk__in=administrators, is_staff=False).update(is_staff=True)
    User.objects.filter(
        pk__in=(administrators_before & ids) - administrators, is_superuser=False
    ).update(is_staff=False)
