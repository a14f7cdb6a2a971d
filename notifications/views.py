from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.listing import list_page

from .forms import PreferencesForm
from .kinds import DEFAULT_CHANNEL
from .kinds import Kind
from .models import Notification
from .models import Preference


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user)
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        notifications = notifications.unread()
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        notifications = notifications.filter(kind=kind)
    return list_page(request, "notifications/list.html", rows=notifications, context={
        "only_unread": only_unread, "kind": kind, "kinds": Kind.choices,
        "unread_count": Notification.objects.for_user(request.user).unread().count(),
    })


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    if request.POST.get("open") and notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = Notification.objects.for_user(request.user).mark_read()
    messages.success(request, _("Notifications marked as read: {count}.").format(count=count))
    return redirect("notifications:list")


@login_required
def preferences(request):
    channels = Preference.objects.channels_of(request.user)
    form = PreferencesForm(request.POST or None, channels=channels)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind, channel in form.cleaned_data.items():
                if channel == DEFAULT_CHANNEL[kind]:
                    Preference.objects.filter(user=request.user, kind=kind).delete()
                else:
                    Preference.objects.update_or_create(user=request.user, kind=kind, defaults={"channel": channel})
        messages.success(request, _("Notification settings saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
