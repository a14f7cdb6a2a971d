from django.contrib.auth.decorators import login_required
from django.db import connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.nav import all_items
from core.scoping import roles_of


@login_required
def home(request):
    roles = roles_of(request.user)
    sections = [item for item in all_items() if not item.roles or roles.has(*item.roles)]
    return render(request, "core/home.html", {"sections": sections})


@never_cache
@require_GET
def healthz(request):
    """Return JSON with the database status; 503 when the database does not answer."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        database = f"error: {exc.__class__.__name__}"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)
