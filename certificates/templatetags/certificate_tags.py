from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def issuable(context, key: str, pk: int) -> bool:
    """Whether the viewer may issue certificates for this event: the issuing page's own test (a methodist, and
    the event among the source's issuable ones — a regional competition or one without entries is not), so that
    the button never leads to a refusal."""
    from core.scoping import Role
    from core.scoping import roles_of

    from ..sources import get_source

    user = context["request"].user
    source = get_source(key)
    return bool(source and roles_of(user).has(Role.METHODIST) and source.events_for(user).filter(pk=pk).exists())
