from django.urls import path

from core.pages import crud_paths
from mentoring import views

app_name = "mentoring"

urlpatterns = [
    *crud_paths("pairs/", views, "pair", list_route=""),
    path("pairs/import/", views.PairImportView.as_view(), name="pair-import"),
    path("pairs/<int:pk>/evaluation/process/", views.evaluation_process, name="evaluation-process"),
    path("pairs/<int:pk>/evaluation/effect/", views.evaluation_effect, name="evaluation-effect"),
    path("tasks/<int:pk>/done/", views.task_done, name="task-done"),
    path("tasks/<int:pk>/reopen/", views.task_reopen, name="task-reopen"),
    *crud_paths("young/", views, "young", "list export"),
    path("young/marks/", views.mark_list, name="mark-list"),
    *crud_paths("programmes/", views, "programme"),
    path("programmes/<int:pk>/regulation/", views.programme_regulation, name="programme-regulation"),
    *crud_paths("support/", views, "support", "list export create"),
    path("support/<int:pk>/", views.support_update, name="support-update"),
    path("support/<int:pk>/delete/", views.support_delete, name="support-delete"),
    *crud_paths("sessions/", views, "session"),
    path("retention/", views.retention, name="retention"),
    path("retention/export/", views.retention_export, name="retention-export"),
    *crud_paths("attestation/", views, "attestation", "list export create"),
    path("attestation/<int:pk>/", views.attestation_edit, name="attestation-edit"),
    path("attestation/<int:pk>/delete/", views.attestation_delete, name="attestation-delete"),
    path("attestation/due/", views.due_list, name="due-list"),
    path("attestation/due/export/", views.due_export, name="due-export"),
    path("attestation/support/new/", views.attestation_support_create, name="attestation-support-create"),
]
