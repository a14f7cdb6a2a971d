"""Roles and the scope they give.

Every list, detail, export and API endpoint starts from a ``for_user(user)``
QuerySet method; those methods read the user's roles through ``roles_of``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    HEAD = "head", _("Head of the education department")
    METHODIST = "methodist", _("Methodist")
    SCHOOL = "school", _("Institution")
    EXPERT = "expert", _("Expert")
    TEACHER = "teacher", _("Teacher")


MUNICIPAL_ROLES = (Role.HEAD, Role.METHODIST, Role.EXPERT)
STAFF_ROLES = (Role.ADMIN, Role.HEAD, Role.METHODIST)


@dataclass
class UserRoles:
    """What one user may do, read once per request."""

    roles: set[str] = field(default_factory=set)
    is_superuser: bool = False
    # role -> municipality ids / institution ids the role is scoped to
    municipalities: dict[str, set[int]] = field(default_factory=dict)
    institutions: dict[str, set[int]] = field(default_factory=dict)
    regional_head: bool = False
    pedagogue_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles

    @property
    def is_global(self) -> bool:
        """True for users who see every municipality (admin, regional head)."""
        return self.is_admin or self.regional_head

    def has(self, *roles: str) -> bool:
        return self.is_admin or bool(self.roles.intersection(roles))

    @property
    def municipality_ids(self) -> set[int]:
        return self.municipality_ids_for(*MUNICIPAL_ROLES)

    def municipality_ids_for(self, *roles: str) -> set[int]:
        return set().union(*(self.municipalities.get(role, set()) for role in roles))

    @property
    def institution_ids(self) -> set[int]:
        return self.institution_ids_for(Role.SCHOOL, Role.TEACHER)

    def institution_ids_for(self, *roles: str) -> set[int]:
        return set().union(*(self.institutions.get(role, set()) for role in roles))


ANONYMOUS = UserRoles()


def roles_of(user) -> UserRoles:
    """Return the user's roles and scope (cached on the user object)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    from core.models import Pedagogue, RoleAssignment

    result = UserRoles(is_superuser=user.is_superuser)
    for role, municipality_id, institution_id in RoleAssignment.objects.filter(user=user).values_list(
        "role", "municipality_id", "institution_id"
    ):
        result.roles.add(role)
        if municipality_id:
            result.municipalities.setdefault(role, set()).add(municipality_id)
        if institution_id:
            result.institutions.setdefault(role, set()).add(institution_id)
        if role == Role.HEAD and not municipality_id:
            result.regional_head = True
    if Role.TEACHER in result.roles:
        result.pedagogue_id = Pedagogue.objects.filter(user=user).values_list("pk", flat=True).first()
    user._portal_roles = result
    return result


def visible_q(
    user,
    *,
    institution: str | None = None,
    municipality: str | None = None,
    pedagogue: str | None = None,
) -> Q:
    """Return a Q that limits any model to what the user may see.

    Name the lookup paths the model has: ``institution`` (to an Institution),
    ``municipality`` (to a Municipality) and ``pedagogue`` (to a Pedagogue).
    Municipal roles see their municipality, a school its institution, a teacher
    the rows of their own pedagogue record. A user with no matching path sees nothing.
    """
    roles = roles_of(user)
    if roles.is_global:
        return Q()
    q = Q(pk__in=[])
    municipality_ids = roles.municipality_ids
    if municipality and municipality_ids:
        q |= Q(**{f"{municipality}__in": municipality_ids})
    elif institution and municipality_ids:
        q |= Q(**{f"{institution}__municipality__in": municipality_ids})
    school_ids = roles.institution_ids_for(Role.SCHOOL)
    if institution and school_ids:
        q |= Q(**{f"{institution}__in": school_ids})
    if pedagogue and roles.pedagogue_id:
        q |= Q(**{pedagogue: roles.pedagogue_id})
    return q


def role_required(*roles: str):
    """View decorator: the user must be logged in and hold one of the roles (admin always may)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not roles_of(request.user).has(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class HasRole(BasePermission):
    """DRF permission: ``permission_classes = [HasRole.of(Role.HEAD, ...)]``."""

    roles: Iterable[str] = ()

    @classmethod
    def of(cls, *roles: str) -> type["HasRole"]:
        return type("HasRole", (cls,), {"roles": roles})

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (not self.roles or roles_of(user).has(*self.roles)))
