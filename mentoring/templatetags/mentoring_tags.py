from django import template
from django.utils.translation import gettext_lazy as _

from core.scoping import Role
from core.scoping import roles_of

register = template.Library()

SCHOOL = (Role.HEAD, Role.METHODIST, Role.SCHOOL)
MUNICIPAL = (Role.HEAD, Role.METHODIST)

TABS = [
    ("pairs", _("Pairs and groups"), "mentoring:pair-list", (*SCHOOL, Role.TEACHER)),
    ("young", _("Young specialists"), "mentoring:young-list", SCHOOL),
    ("programmes", _("Programmes"), "mentoring:programme-list", SCHOOL),
    ("sessions", _("School of the Young Teacher"), "mentoring:session-list", MUNICIPAL),
    ("support", _("Targeted support"), "mentoring:support-list", MUNICIPAL),
    ("retention", _("Retention"), "mentoring:retention", SCHOOL),
    ("attestation", _("Attestation"), "mentoring:attestation-list", SCHOOL),
    ("due", _("Due for attestation"), "mentoring:due-list", SCHOOL),
]


@register.inclusion_tag("mentoring/_tabs.html", takes_context=True)
def mentoring_tabs(context) -> dict:
    roles = roles_of(context["request"].user)
    tabs = [(key, title, url) for key, title, url, allowed in TABS if roles.has(*allowed)]
    return {"tabs": tabs, "active": context.get("tab")}


@register.filter
def rate(pair) -> str:
    """Format (attended, held) as «3 / 5 (60 %)»."""
    attended, held = pair or (0, 0)
    if not held:
        return "—"
    return f"{attended} / {held} ({attended * 100 // held} %)"
