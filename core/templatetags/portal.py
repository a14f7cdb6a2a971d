from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """Return the current query string with some parameters changed (for sorting and paging links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True)


@register.filter
def percent(value, places: int = 1) -> str:
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{places}f}".replace(".", ",") + " %"
