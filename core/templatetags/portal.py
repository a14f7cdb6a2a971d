from urllib.parse import urlencode

from django import template
from django.forms.utils import flatatt
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import format_html
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

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


@register.inclusion_tag("includes/sort_th.html", takes_context=True)
def sort_th(context, key: str, title: str, default: str = "name") -> dict:
    """A column header that sorts the list by ``key``; a second click reverses the order."""
    current = context.get("sort") or context["request"].GET.get("sort") or default  # a list page's effective order
    active = current.lstrip("-") == key
    descending = active and current.startswith("-")
    params = context["request"].GET.copy()
    params["sort"] = f"-{key}" if active and not descending else key
    params.pop("page", None)
    return {
        "title": title,
        "url": "?" + urlencode(sorted(params.lists()), doseq=True),
        "active": active,
        "descending": descending,
    }


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail, current) -> dict:
    """The breadcrumb of a page that is not a detail or form page (those build theirs): the links from the top
    down as URL and label pairs, then the page's own name:
    ``{% url "staffing:campaign-list" as up %}{% breadcrumbs up _("Staffing needs") current=_("Summary") %}``."""
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes URL and label pairs, then current=…")
    return {"trail": list(zip(trail[::2], trail[1::2], strict=True)), "current": current}


@register.simple_tag(takes_context=True)
def export_url(context, url_name: str) -> str:
    """Return the export URL carrying the list's current filters (without the page)."""
    from django.urls import reverse

    params = context["request"].GET.copy()
    params.pop("page", None)
    query = urlencode(sorted(params.lists()), doseq=True)
    return reverse(url_name) + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def render_section(context, section, pedagogue) -> str:
    """Render a record section's template with ``section``, ``pedagogue`` and the section's context items."""
    from django.template.loader import render_to_string

    values = {**section.context, "section": section, "pedagogue": pedagogue, "context": section.context}
    return render_to_string(section.template, values, request=context.get("request"))


@register.filter
def cell(value) -> str:
    """Show an imported cell the way it was typed in Excel: dates as DD.MM.YYYY, nothing for empty."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return value


class FragmentNode(template.Node):
    def __init__(self, fragment, nodelist):
        self.fragment, self.nodelist = fragment, nodelist

    def render(self, context) -> str:
        piece = self.fragment.resolve(context, ignore_failures=True)
        if piece is None:
            return self.nodelist.render(context)
        if piece.html is None:
            return piece.store(self.nodelist.render(context))
        return piece.html


@register.tag
def fragment(parser, token):
    """``{% fragment body %}…{% endfragment %}``: the cached HTML of ``body`` (a ``core.fragments.Fragment``), or
    what is inside, rendered and stored for the next request; without ``body`` (None) just what is inside."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment %} takes the fragment from the context: {% fragment body %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_block_tag
def table_or(content, rows, *, empty, alert: bool = False, classes: str = "table table-sm", id: str = "") -> str:
    """``{% table_or rows empty=_("Nothing yet.") id="items" %}<thead>…</thead><tbody>…</tbody>{% endtable_or %}``:
    the table (its head and body are the block) in its horizontal scroll wrapper when there are ``rows``, else the
    ``empty`` message — muted text, or a light alert with ``alert=True``."""
    if not rows:
        if alert:
            return format_html('<div class="alert alert-light border" role="status">{}</div>', empty)
        return format_html('<p class="text-muted">{}</p>', empty)
    return format_html('<div class="table-responsive">\n<table{}>{}</table>\n</div>',
                       flatatt({"class": classes, "id": id or None}), content)


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> str:
    """The text of the block ``name`` as the page fills it, its tags stripped: a page names its record once and
    detail_page.html shows it as the window title and the last crumb (``{% block title %}{% block_text "heading"
    %}{% endblock %}``). Empty when no template of the page fills the block."""
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = blocks.get_block(name) if blocks is not None else None
    if block is None:
        return ""
    with context.push():
        html = block.nodelist.render(context)
    # what is left of rendered, escaped HTML without its tags is text with its entities still escaped
    return mark_safe(" ".join(strip_tags(html).split()))


@register.simple_tag(takes_context=True)
def may_open(context, view_name: str) -> bool:
    """Whether the capability matrix lets the viewer open the view: ``{% may_open "monitoring:dashboard" as
    can %}`` before a link to another section, so that no page offers a link that answers 403."""
    from core.scoping import may_open as allowed

    return allowed(context["request"].user, view_name)


@register.simple_tag(takes_context=True)
def openable(context, *groups, through: str = "") -> set[int]:
    """Return the ids of the pedagogues among ``groups`` (lists, or single records such as an association's
    leader; with ``through``, their attribute of that name, e.g. ``"pedagogue"`` of memberships, or a path through
    a many-relation, ``"participants.pedagogue"`` of competition entries) whose record the
    viewer may open — the record page's own scoping, in one query: ``{% openable members through="pedagogue" as
    people %}`` … ``{% if m.pedagogue_id in people %}<a …>{% else %}name{% endif %}``."""
    from core.models import Pedagogue
    from core.scoping import may_open as allowed

    user = context["request"].user
    rows = [row for group in groups if group is not None
            for row in ([group] if hasattr(group, "_meta") else group)]
    *hops, last = through.split(".") if through else [""]
    for hop in hops:  # "participants.pedagogue": every participant of every entry (prefetched)
        rows = [item for row in rows for item in getattr(row, hop).all()]
    ids = {getattr(row, f"{last}_id") if last else row.pk for row in rows}
    ids.discard(None)
    if not ids or not allowed(user, "core:pedagogue-detail"):
        return set()
    return set(Pedagogue.objects.for_user(user).filter(pk__in=ids).values_list("pk", flat=True))
