from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapFormMixin
from core.ratelimits import limit


class LoginForm(BootstrapFormMixin, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


simple = "registration/simple_form.html"


def page(route: str, view, name: str, title, *, message=None, **kwargs):
    """A password page of Django's auth views in the portal's simple form template, with its title and message."""
    context = {"title": title} | ({"message": message} if message else {})
    return path(route, view.as_view(template_name=simple, extra_context=context, **kwargs), name=name)


urlpatterns = [
    # Login attempts per client address are limited on top of django-axes' per-account lock.
    path(
        "login/",
        limit("LOGIN_RATE", group="login", method=["POST"])(
            auth_views.LoginView.as_view(authentication_form=LoginForm)
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    page("password/change/", auth_views.PasswordChangeView, "password_change", _("Change password"),
         form_class=PasswordChangeForm),
    page("password/change/done/", auth_views.PasswordChangeDoneView, "password_change_done", _("Password changed"),
         message=_("Your password was changed.")),
    page("password/reset/", auth_views.PasswordResetView, "password_reset", _("Reset password"),
         form_class=PasswordResetForm),
    page("password/reset/done/", auth_views.PasswordResetDoneView, "password_reset_done", _("Reset password"),
         message=_("If the address is registered, a letter with a link has been sent to it.")),
    page("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView, "password_reset_confirm",
         _("Set a new password"), form_class=SetPasswordForm),
    page("password/reset/complete/", auth_views.PasswordResetCompleteView, "password_reset_complete",
         _("Password set"), message=_("Your password has been set. You may log in.")),
]
