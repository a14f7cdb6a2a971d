"""Who may do what: the one matrix of roles × capabilities, and which capability every URL needs.

The matrix answers "may this role open this kind of page at all" (the staff directory, diagnoses, exports,
deletes…); ``for_user()`` then narrows the rows to the user's scope. Views, viewsets, the navigation and
``core.scoping`` read the matrix through ``roles_of(user).can(Cap.X)``, ``role_required(Cap.X)`` /
``HasRole.of(Cap.X)`` and ``roles_with(Cap.X)``; ``core.scoping.CapabilityMiddleware`` enforces ``URL_ACCESS`` for every
URL, and ``tests/test_security_urls.py`` walks every URL as every role against it, so a new URL that is
not listed here fails the test.
"""

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    HEAD = "head", _("Head of the education department")
    METHODIST = "methodist", _("Methodist")
    SCHOOL = "school", _("Institution")
    EXPERT = "expert", _("Expert")
    TEACHER = "teacher", _("Teacher")


class Cap(models.TextChoices):
    # Scope: whose records a municipal role sees through ``visible_q`` (routes, completions, pairs, …).
    MUNICIPAL_RECORDS = "municipal_records", _("Read the records of the whole municipality")
    INSTITUTIONS = "institutions", _("Read the directory of institutions")
    PERSONAL_DATA = "personal_data", _("Read the staff directory (personal data)")
    DIAGNOSES = "diagnoses", _("Read other people's self-diagnoses and routes")
    OWN_RECORD = "own_record", _("Read and fill one's own record")
    EXPORT = "export", _("Export lists")
    EDIT = "edit", _("Enter and edit records")
    DELETE = "delete", _("Delete records")
    DELETE_PEOPLE = "delete_people", _("Delete pedagogues")
    ERASE_PERSON = "erase_person", _("Erase a person's data on request")
    DECIDE = "decide", _("Decide (accept, approve, conclude)")
    ENTER = "enter", _("Enter the records of methodical work (courses, associations, mentoring, certificates)")
    GOVERN = "govern", _("Set targets and indicators, edit and issue orders")
    CATALOGUE = "catalogue", _("Manage shared catalogues")
    REVIEW = "review", _("Review assigned materials")


C = Cap
MATRIX: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Cap.values),
    # The head reads everything of the municipality, edits its directory and governs (targets, orders);
    # the methodists enter the records of methodical work and keep the shared catalogues.
    Role.HEAD: frozenset({C.MUNICIPAL_RECORDS, C.INSTITUTIONS, C.PERSONAL_DATA, C.DIAGNOSES, C.EXPORT, C.EDIT,
                          C.DELETE, C.DECIDE, C.GOVERN}),
    Role.METHODIST: frozenset({C.MUNICIPAL_RECORDS, C.INSTITUTIONS, C.PERSONAL_DATA, C.DIAGNOSES, C.EXPORT, C.EDIT,
                               C.DELETE, C.DECIDE, C.ENTER, C.CATALOGUE}),
    # A school sees and edits its own institution's staff; it deletes no people (a departure closes the employment).
    Role.SCHOOL: frozenset({C.INSTITUTIONS, C.PERSONAL_DATA, C.DIAGNOSES, C.EXPORT, C.EDIT}),
    # An expert is a teacher of another school: the directory of institutions and what is assigned to them.
    Role.EXPERT: frozenset({C.INSTITUTIONS, C.REVIEW}),
    Role.TEACHER: frozenset({C.OWN_RECORD}),
}
del C


def roles_with(*caps: str) -> tuple[str, ...]:
    """Return the roles (admin aside) that hold any of the capabilities, in the order of ``Role``."""
    return tuple(role for role in Role.values if role != Role.ADMIN and MATRIX[role].intersection(caps))


def caps_of(roles: set[str], is_admin: bool) -> frozenset[str]:
    if is_admin:
        return MATRIX[Role.ADMIN]
    return frozenset().union(*(MATRIX.get(role, frozenset()) for role in roles))


# --- which capability each URL needs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """What a URL asks of a logged-in user: any one of the capabilities (``()``: every logged-in user,
    the rows are then scoped by ``for_user``). ``write`` is for POST/PUT/PATCH, ``delete`` for DELETE."""

    read: tuple[str, ...] = ()
    write: tuple[str, ...] | None = None
    delete: tuple[str, ...] | None = None
    # The view narrows further (a finer role, the object's state or owner): a 403 there is its own decision.
    finer: bool = False
    # What a refused user reads instead of the generic refusal.
    reason: str = ""

    def caps_for(self, method: str) -> tuple[str, ...]:
        if method == "DELETE":
            return self.delete if self.delete is not None else self.caps_for("POST")
        if method in ("POST", "PUT", "PATCH"):
            return self.write if self.write is not None else self.read
        return self.read


PEOPLE_ARE_NOT_DELETED = _("Pedagogues are not deleted: close the employment when a person leaves; the "
                           "administrator erases a person's data on their request.")
ANYONE = Access()
STAFF = (Cap.PERSONAL_DATA,)
EDIT = Access(read=(Cap.EDIT,))
EXPORT = Access(read=(Cap.EXPORT,))
MUNICIPAL = Access(read=(Cap.MUNICIPAL_RECORDS,))
DECIDE = Access(read=(Cap.DECIDE,))
# Records of people (routes, completions, hours, pairs, memberships …): the staff directory's readers and the
# person themself; an API write needs the right to edit, a delete the right to delete.
PEOPLE = Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD), write=(Cap.EDIT, Cap.OWN_RECORD), delete=(Cap.DELETE,))
PEOPLE_ONLY_STAFF = Access(read=STAFF, write=(Cap.EDIT,), delete=(Cap.DELETE,))
DIAGNOSES = Access(read=(Cap.DIAGNOSES, Cap.OWN_RECORD), write=(Cap.DIAGNOSES, Cap.OWN_RECORD), delete=(Cap.DELETE,))
CATALOGUE = Access(read=(), write=(Cap.CATALOGUE,), delete=(Cap.CATALOGUE,))
# Methodical work open to everyone who takes part (scoped by for_user): associations, projects, banks …
WORK = Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD), write=(Cap.EDIT, Cap.OWN_RECORD), delete=(Cap.DELETE,))
ENTER = Access(read=(Cap.ENTER,))
GOVERN = Access(read=(Cap.GOVERN,))
# A data-entry page of several roles that decides itself who of them may write (and what state allows it).
ENTRY = Access(read=(Cap.EDIT, Cap.ENTER, Cap.OWN_RECORD), finer=True)

# URL name patterns (fnmatch, first match wins) → access. Names without a namespace are API routes.
URL_ACCESS: list[tuple[str, Access]] = [
    # --- core: the directory -------------------------------------------------------------------------
    ("core:home", ANYONE),
    ("core:my-record", ANYONE),
    ("core:autocomplete", ANYONE),
    ("core:category-award-*", EDIT),
    ("core:institution-export", EXPORT),
    ("core:institution-create", MUNICIPAL),
    ("core:institution-edit", EDIT),
    ("core:institution-active", MUNICIPAL),  # deactivated, never deleted: no DELETE in the API either
    ("core:institution-*", ANYONE),
    ("institution-*", Access(read=(), write=(Cap.EDIT,), delete=(Cap.DELETE,))),
    ("core:pedagogue-export", Access(read=(Cap.EXPORT,))),
    ("core:pedagogue-list", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD))),  # a teacher: their own line
    ("core:pedagogue-import", EDIT),
    ("core:pedagogue-create", EDIT),
    ("core:pedagogue-edit", EDIT),
    ("core:pedagogue-*", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD))),
    ("pedagogue-list", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD), write=(Cap.EDIT,))),
    ("pedagogue-detail", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD), write=(Cap.EDIT,),
                                delete=(Cap.DELETE_PEOPLE,), reason=PEOPLE_ARE_NOT_DELETED)),
    # The category history: read with the staff (a teacher: their own), written and deleted by who edits the
    # pedagogue, as on the pedagogue's page (core:category-award-*).
    ("category-award-*", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD), write=(Cap.EDIT,), delete=(Cap.EDIT,))),
    # --- training ------------------------------------------------------------------------------------
    ("training:programme-export", EXPORT),
    ("training:programme-create", Access(read=(Cap.CATALOGUE,))),
    ("training:programme-edit", Access(read=(Cap.CATALOGUE,), finer=True)),  # the owner's methodists only
    ("training:programme-delete", Access(read=(Cap.CATALOGUE,), finer=True)),  # as edited
    ("training:programme-*", ANYONE),
    ("training:provider-create", Access(read=(Cap.CATALOGUE,))),
    ("training:provider-edit", Access(read=(Cap.CATALOGUE,))),
    ("training:provider-delete", Access(read=(Cap.CATALOGUE,))),
    ("training:provider-*", ANYONE),
    ("training-programme-*", CATALOGUE),
    ("training-provider-*", CATALOGUE),
    ("training:diagnosis-export", EXPORT),
    ("training:diagnosis-list", Access(read=(Cap.DIAGNOSES,))),
    ("training:diagnosis-external", ENTER),
    ("training:diagnosis-take", Access(read=(Cap.ENTER, Cap.OWN_RECORD), finer=True)),
    ("training:item-evidence", Access(read=(Cap.OWN_RECORD,), finer=True)),
    ("training:route-add-item", Access(read=(Cap.EDIT, Cap.OWN_RECORD), finer=True)),
    ("training:my-diagnoses", Access(read=(Cap.OWN_RECORD,))),
    ("training:my-route", Access(read=(Cap.OWN_RECORD,))),
    ("training:diagnosis-*", DIAGNOSES),
    ("training-diagnosis-*", DIAGNOSES),
    ("training:route-export", EXPORT),
    ("training:route-pdf", DIAGNOSES),
    ("training:route-list", Access(read=(Cap.DIAGNOSES,))),
    ("training:route-*", DIAGNOSES),
    ("training:item-*", DIAGNOSES),
    # The API's route steps: the route's teacher writes them (adds, changes the deadline, sends evidence,
    # removes), a methodist reviews them, as on the route page.
    ("training-route-item-review", Access(read=(Cap.DIAGNOSES,), write=(Cap.ENTER,), finer=True)),
    ("training-route-item-*", Access(read=(Cap.DIAGNOSES, Cap.OWN_RECORD), write=(Cap.OWN_RECORD,),
                                     delete=(Cap.OWN_RECORD,), finer=True)),
    ("training-route-*", DIAGNOSES),
    ("training:completion-export", EXPORT),
    ("training:account-export", EXPORT),
    ("training:completion-list", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD))),  # a teacher: their own
    ("training:completion-create", ENTER),
    ("training:completion-import", ENTER),
    ("training:completion-edit", ENTRY),
    ("training:completion-delete", ENTER),
    ("training:account-list", Access(read=STAFF)),
    ("training:completion-*", PEOPLE_ONLY_STAFF),
    ("training-completion-*", PEOPLE),
    # --- associations, competitions ----------------------------------------------------------------
    ("associations:*-export", EXPORT),
    ("associations:result-import", ENTER),
    # An association's leader (a teacher) edits it, its plan, members, meetings and products too.
    ("associations:association-delete", ENTER),  # the leader edits the association, the methodists delete it
    ("associations:competition-delete", ENTER),
    ("associations:*-delete", Access(read=(Cap.ENTER, Cap.OWN_RECORD), finer=True)),
    ("associations:*-create", ENTER),
    ("associations:*-edit", Access(read=(Cap.ENTER, Cap.OWN_RECORD), finer=True)),
    ("associations:*-add", Access(read=(Cap.ENTER, Cap.OWN_RECORD), finer=True)),
    ("associations:meeting-attendance", Access(read=(Cap.ENTER, Cap.OWN_RECORD), finer=True)),
    ("associations:*", WORK),
    # The API's attendance (PUT …/{id}/attendance/): who edits the association, as on the attendance page.
    ("association-meeting-attendance", Access(read=(Cap.ENTER, Cap.OWN_RECORD), finer=True)),
    ("association-*", WORK),
    ("competition-*", WORK),
    # --- mentoring -----------------------------------------------------------------------------------
    ("mentoring:session-export", MUNICIPAL),
    ("mentoring:support-export", MUNICIPAL),
    ("mentoring:*-export", EXPORT),
    ("mentoring:pair-import", EDIT),
    # A teacher sees their own pair and its tasks; the rest of mentoring is read by the staff's readers.
    ("mentoring:pair-list", WORK),
    ("mentoring:pair-detail", WORK),
    ("mentoring:task-*", WORK),
    ("mentoring-pair-*", WORK),
    ("mentoring:pair-*", Access(read=STAFF, finer=True)),
    ("mentoring:attestation-create", ENTER),
    ("mentoring:attestation-support-create", ENTER),
    ("mentoring:session-create", ENTER),
    ("mentoring:support-create", ENTER),
    ("mentoring:session-edit", ENTER),
    ("mentoring:session-delete", ENTER),
    ("mentoring:support-update", ENTER),
    ("mentoring:support-delete", ENTER),
    ("mentoring:session-*", MUNICIPAL),
    ("mentoring:support-*", MUNICIPAL),
    ("mentoring-session-*", MUNICIPAL),
    ("mentoring-support-request-*", MUNICIPAL),
    ("mentoring:attestation-edit", ENTER),
    ("mentoring:attestation-delete", ENTER),
    ("mentoring:*", Access(read=STAFF, finer=True)),
    ("mentoring-*", Access(read=STAFF)),
    # --- innovation ----------------------------------------------------------------------------------
    ("innovation:*-create", Access(read=(Cap.ENTER, Cap.EDIT), finer=True)),  # methodists and schools
    ("innovation:*-edit", Access(read=(Cap.ENTER, Cap.EDIT), finer=True)),
    ("innovation:*-delete", Access(read=(Cap.ENTER, Cap.EDIT), finer=True)),
    ("innovation:project-export", EXPORT),
    ("innovation:*", WORK),
    ("innovation-*", WORK),
    # --- expertise: experts read what is assigned to them ------------------------------------------
    ("expertise:expert-list", DECIDE),
    ("expertise:expert-export", DECIDE),
    ("expertise:request-export", EXPORT),
    ("expertise:expert-*", ENTER),
    ("expertise-expert-*", DECIDE),
    ("expertise:request-create", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD))),
    ("expertise:request-delete", Access(read=(Cap.PERSONAL_DATA, Cap.OWN_RECORD), finer=True)),  # its submitter
    ("expertise:request-assign", DECIDE),
    ("expertise:request-conclude", DECIDE),
    ("expertise:queue", Access(read=(Cap.REVIEW,))),
    ("expertise:review-form", Access(read=(Cap.REVIEW,))),
    ("expertise-request-review", Access(read=(Cap.REVIEW,), finer=True)),  # the assigned expert's sheet
    ("expertise:*", ANYONE),
    ("expertise-*", ANYONE),
    # --- banks (published resources are open to every logged-in user) ------------------------------
    ("banks:item-import", ENTER),
    ("banks:item-create", Access(read=(Cap.ENTER, Cap.EDIT, Cap.OWN_RECORD), finer=True)),  # authors: not the head
    ("banks:item-edit", Access(read=(Cap.ENTER, Cap.EDIT, Cap.OWN_RECORD), finer=True)),
    ("banks:item-delete", Access(read=(Cap.ENTER, Cap.EDIT, Cap.OWN_RECORD), finer=True)),  # a draft, as edited
    ("banks:item-publish", DECIDE),
    ("banks:item-unpublish", DECIDE),
    ("banks:item-export", EXPORT),
    ("banks:*", ANYONE),
    ("banks-item-*publish", Access(read=(Cap.DECIDE,), finer=True)),  # the methodists of the item's municipality
    ("banks-*", ANYONE),
    # --- staffing needs ------------------------------------------------------------------------------
    ("staffing:campaign-export", EXPORT),
    ("staffing:document-export", EXPORT),
    ("staffing:*-export", MUNICIPAL),
    ("staffing:campaign-create", MUNICIPAL),
    ("staffing:campaign-edit", MUNICIPAL),
    ("staffing:campaign-delete", MUNICIPAL),
    ("staffing:campaign-summary", MUNICIPAL),
    ("staffing:document-create", MUNICIPAL),
    ("staffing:document-edit", MUNICIPAL),
    ("staffing:document-delete", MUNICIPAL),
    ("staffing:submission-edit", Access(read=(Cap.PERSONAL_DATA,), finer=True)),  # the school, while it is open
    ("staffing:submission-upload", Access(read=(Cap.PERSONAL_DATA,), finer=True)),
    ("staffing:submission-enter", Access(read=(Cap.PERSONAL_DATA,), finer=True)),
    ("staffing:*", Access(read=(Cap.PERSONAL_DATA,))),
    ("staffing-*", Access(read=(Cap.PERSONAL_DATA,))),
    # --- monitoring ----------------------------------------------------------------------------------
    ("monitoring:tasks", ANYONE),
    ("monitoring:task-*", ANYONE),
    ("monitoring:dashboard", Access(read=(Cap.PERSONAL_DATA,))),
    ("monitoring:targets", GOVERN),
    ("monitoring:passports", GOVERN),
    ("monitoring:passport-edit", GOVERN),
    ("monitoring:direction-edit", GOVERN),
    ("monitoring:order-create", GOVERN),
    ("monitoring:order-edit", GOVERN),
    ("monitoring:order-delete", GOVERN),
    ("monitoring:order-issue", GOVERN),
    ("monitoring:*", MUNICIPAL),
    # The API as the pages: the head builds reports, drafts, edits and issues orders and edits directions and
    # passports; tasks are read by whom they concern and each step decides who takes it.
    ("monitoring-assignment-*", Access(read=(), finer=True)),
    ("monitoring-report-*", Access(read=(Cap.MUNICIPAL_RECORDS,), write=(Cap.GOVERN,))),
    ("monitoring-order-*", Access(read=(Cap.MUNICIPAL_RECORDS,), write=(Cap.GOVERN,))),
    ("monitoring-measure-*", Access(read=(Cap.MUNICIPAL_RECORDS,), write=(Cap.GOVERN,))),
    ("monitoring-direction-*", Access(read=(Cap.PERSONAL_DATA,), write=(Cap.GOVERN,))),
    ("monitoring-indicator-*", Access(read=(Cap.PERSONAL_DATA,), write=(Cap.GOVERN,))),
    ("monitoring-*", Access(read=(Cap.PERSONAL_DATA,))),
    # --- certificates, notifications, jobs, accounts ----------------------------------------------
    ("certificates:export", EXPORT),
    ("certificates:issue*", ENTER),
    ("certificates:revoke", ENTER),
    ("certificates:*", ANYONE),
    ("certificate-list", Access(read=(), write=(Cap.ENTER,))),  # everyone their own; methodists issue
    ("certificate-revoke", Access(read=(Cap.ENTER,), finer=True)),
    ("certificate-*", ANYONE),
    ("notifications:*", ANYONE),
    ("notification-*", ANYONE),
    ("jobs:*", ANYONE),
    ("api-root", ANYONE),
    ("password_change*", ANYONE),
]


def access_for(view_name: str | None) -> Access | None:
    """Return the access rule of a URL name, or None when no rule names it."""
    if not view_name:
        return None
    for pattern, access in URL_ACCESS:
        if fnmatchcase(view_name, pattern):
            return access
    return None


def allows(roles, view_name: str | None, method: str = "GET") -> bool:
    """Return True when the matrix lets a user with these ``UserRoles`` open the URL (the rows are still
    scoped by ``for_user``)."""
    access = access_for(view_name)
    if access is None:
        return True
    caps = access.caps_for(method.upper())
    return not caps or roles.can(*caps)
