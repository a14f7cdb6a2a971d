"""Every admin page with inlines (built by ``core.admin.inline``) renders them, with no empty extra rows."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin


@pytest.mark.django_db
def test_every_add_page_with_inlines_renders_them_without_extra_rows(client, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    pages = [(model, model_admin) for model, model_admin in admin.site._registry.items() if model_admin.inlines]
    assert len(pages) >= 12
    for model, model_admin in pages:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        response = client.get(url)
        assert response.status_code == 200, url
        formsets = response.context["inline_admin_formsets"]
        assert [type(formset.opts).__name__ for formset in formsets] == [
            inline.__name__ for inline in model_admin.inlines
        ], url
        assert all(formset.formset.total_form_count() == 0 for formset in formsets), url


@pytest.mark.django_db
def test_every_admin_list_renders_with_its_declared_columns(client, admin_user):
    """The admins declared with ``core.admin.register`` keep their columns, filters and history."""
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("admin:monitoring_indicatorpassport_changelist")).context["cl"]
    assert page.list_display == ["action_checkbox", "code", "title", "direction", "unit", "better", "is_key",
                                 "is_registered"]
    assert page.list_filter == ["direction", "is_key", "is_registered"]
    assert page.model_admin.list_editable == ["is_key"]
    assert isinstance(page.model_admin, SimpleHistoryAdmin)
    notifications = client.get(reverse("admin:notifications_notification_changelist")).context["cl"]
    assert notifications.list_display == ["action_checkbox", "title", "user", "kind", "day", "read_at", "emailed_at"]
    assert not isinstance(notifications.model_admin, SimpleHistoryAdmin)
