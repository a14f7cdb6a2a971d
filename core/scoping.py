"""Roles and the scope they give.

Every list, detail, export and API endpoint starts from a ``for_user(user)``
QuerySet method; those methods read the user's roles through ``roles_of``.
"""

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from functools import wraps

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models import QuerySet
from django.http import JsonResponse
from django.utils.translation import gettext
from rest_framework.permissions import BasePermission

from core.capabilities import Cap
from core.capabilities import Role
from core.capabilities import access_for
from core.capabilities import allows
from core.capabilities import caps_of
from core.capabilities import roles_with

# Roles and what each may do live in core.capabilities (the one matrix); read them from there.
# Municipal roles see the records of their municipality; the expert is not one of them (it reads what is
# assigned to it), and the directory of institutions is read by the roles with Cap.INSTITUTIONS. The roles
# that read the staff of an institution or a municipality (personal data) are PERSONAL_DATA_ROLES.
MUNICIPAL_ROLES = roles_with(Cap.MUNICIPAL_RECORDS)
PERSONAL_DATA_ROLES = roles_with(Cap.PERSONAL_DATA)
INSTITUTION_ROLES = roles_with(Cap.INSTITUTIONS)
STAFF_ROLES = (Role.ADMIN, *MUNICIPAL_ROLES)


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
        """True when the user holds one of the roles, or one of the capabilities (``Cap``) of the matrix."""
        caps = [name for name in roles if name in CAPS]
        if caps and self.can(*caps):
            return True
        return self.is_admin or bool(self.roles.intersection(roles))

    @property
    def caps(self) -> frozenset[str]:
        return caps_of(self.roles, self.is_admin)

    def can(self, *caps: str) -> bool:
        """True when any of the user's roles holds any of the capabilities."""
        return bool(self.caps.intersection(caps))

    def municipality_ids_with(self, *caps: str) -> set[int]:
        """Return the municipalities where the user holds a role with one of the capabilities."""
        return self.municipality_ids_for(*roles_with(*caps))

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


CAPS = frozenset(Cap.values)
ANONYMOUS = UserRoles()


def roles_of(user) -> UserRoles:
    """Return the user's roles and scope (cached on the user object)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    from core import freshness

    # Across requests too, until a record changes (a role given or taken, a pedagogue linked): one query less a page.
    user._portal_roles = freshness.cached(f"roles:{user.pk}:{user.is_superuser}", lambda: _load_roles(user))
    return user._portal_roles


def _load_roles(user) -> UserRoles:
    # Through the app registry: core.models builds its for_user() querysets on this module.
    RoleAssignment = apps.get_model("core", "RoleAssignment")
    Pedagogue = apps.get_model("core", "Pedagogue")

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


def of_pedagogue(path: str = "pedagogue") -> dict[str, str]:
    """The lookup paths of rows that belong to a pedagogue (at ``path``): the pedagogue's institution and
    municipality, and the pedagogue (for their own rows): ``visible_q(user, **of_pedagogue())``."""
    return {"institution": f"{path}__institution", "municipality": f"{path}__municipality", "pedagogue": path}


class ScopedQuerySet(QuerySet):
    """A QuerySet whose ``for_user(user)`` is declared, not written: set ``scope`` to the lookup paths
    ``visible_q`` takes (``scope = {"institution": "institution"}``, ``scope = of_pedagogue()``), or
    ``scope_through`` to the foreign key whose model's ``for_user`` decides (a meeting is seen with its
    association). A model whose rule is more than that keeps its own ``for_user``."""

    scope: dict[str, str] = {}
    scope_through: str = ""

    def for_user(self, user):
        if self.scope_through:
            parent = self.model._meta.get_field(self.scope_through).related_model
            return self.filter(**{f"{self.scope_through}__in": parent.objects.for_user(user).values("pk")})
        return self.filter(visible_q(user, **self.scope))


class PedagogueRowsQuerySet(ScopedQuerySet):
    """Rows of a model with a ``pedagogue`` foreign key (a completion, a diagnosis, an attestation): seen by
    the municipality's roles, the pedagogue's school and the pedagogue."""

    scope = of_pedagogue()


def role_required(*roles: str, allowed: Callable[..., bool] | None = None):
    """View decorator: the user must be logged in and hold one of the roles or capabilities
    (``role_required(Cap.EXPORT)`` reads the matrix; admin always may). ``allowed`` is a further test of the
    user that the page needs (``allowed=may_edit_pairs``: an institution to enter data for); 403 when it fails."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if roles and not roles_of(request.user).has(*roles):
                raise PermissionDenied
            if allowed is not None and not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class HasRole(BasePermission):
    """DRF permission: ``permission_classes = [HasRole.of(Role.HEAD, ...)]`` or ``HasRole.of(Cap.EDIT, ...)``."""

    roles: Iterable[str] = ()

    @classmethod
    def of(cls, *roles: str) -> type["HasRole"]:
        return type("HasRole", (cls,), {"roles": roles})

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (not self.roles or roles_of(user).has(*self.roles)))


def may_open(user, view_name: str | None, method: str = "GET") -> bool:
    return allows(roles_of(user), view_name, method)


class CapabilityMiddleware:
    """Refuse (403) a logged-in user whose roles lack the capability the URL needs (``URL_ACCESS``).

    Anonymous requests go on to the view, which sends them to the login page (or answers 401/403).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or may_open(user, match.view_name, request.method):
            return None
        access = access_for(match.view_name)
        reason = str(access.reason) if access and access.reason else ""
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": reason or gettext("You do not have permission to perform this action.")},
                                status=403)
        raise PermissionDenied(reason)
