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
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name=simple, form_class=PasswordChangeForm, extra_context={"title": _("Change password")}
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name=simple,
            extra_context={"title": _("Password changed"), "message": _("Your password was changed.")},
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name=simple, form_class=PasswordResetForm, extra_context={"title": _("Reset password")}
        ),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=simple,
            extra_context={
                "title": _("Reset password"),
                "message": _("If the address is registered, a letter with a link has been sent to it."),
            },
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=simple, form_class=SetPasswordForm, extra_context={"title": _("Set a new password")}
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=simple,
            extra_context={"title": _("Password set"), "message": _("Your password has been set. You may log in.")},
        ),
        name="password_reset_complete",
    ),
]
