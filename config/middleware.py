"""Security headers the framework does not set by itself, and the portal's choice of language."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY``: scripts only from the portal's own files.

    Templates keep their JavaScript in ``static/<app>/*.js``; a view that needs
    another policy sets the header itself and is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class RussianByDefaultLocaleMiddleware(LocaleMiddleware):
    """The portal speaks Russian unless the user chose another language with the switcher (its cookie).

    Django's own middleware would follow the browser's Accept-Language, so a municipal office PC with an
    English Windows would greet its users in English; here only an explicit choice changes the language.
    """

    def process_request(self, request):
        choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = choice if choice in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
