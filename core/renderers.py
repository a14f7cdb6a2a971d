"""The form renderer: Django's own, except that a plain ``<select>`` and a plain ``<input>`` are written in Python.

Django renders every ``<option>`` through a template include (~0.1 ms each); a list page's filter form with
the institutions, positions and subjects of a municipality spends a third of the page's time there, and each
text, search, date or number input is two nested templates more. The output is the same markup, byte for byte
(``core/tests/test_renderers.py`` compares them); a select whose options use another template, or whose labels
are not text, and a widget with a template of its own are left to the templates.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Django's widget templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = {f"django/forms/widgets/{name}.html" for name in (
    "checkbox", "color", "date", "datetime", "email", "hidden", "number", "password", "search", "tel", "text",
    "time", "url")}


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{conditional_escape(value)}"')
    return "".join(out)


def _plain(option: dict) -> bool:
    return option["template_name"] == OPTION and isinstance(option["label"], str | Promise)


def render_select(widget: dict) -> str:
    """``django/forms/widgets/select.html`` with ``select_option.html`` for each option."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                f'{conditional_escape(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # BaseRenderer.render strips the template's last newline
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def render_input(widget: dict) -> str:
    """``django/forms/widgets/input.html``."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{value}'
        f'{_attrs(widget["attrs"])}>'
    )


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUTS and "widget" in context:
            return render_input(context["widget"])
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(_plain(o) for _g, options, _i in widget["optgroups"] for o in options):
            return render_select(widget)
        return super().render(template_name, context, request=request)
