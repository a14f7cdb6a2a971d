from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.pair_list, name="pair-list"),
    path("pairs/export/", views.pair_export, name="pair-export"),
    path("pairs/new/", views.pair_create, name="pair-create"),
    path("pairs/import/", views.PairImportView.as_view(), name="pair-import"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair-detail"),
    path("pairs/<int:pk>/edit/", views.pair_edit, name="pair-edit"),
    path("pairs/<int:pk>/evaluation/process/", views.evaluation_process, name="evaluation-process"),
    path("pairs/<int:pk>/evaluation/effect/", views.evaluation_effect, name="evaluation-effect"),
    path("tasks/<int:pk>/done/", views.task_done, name="task-done"),
    path("tasks/<int:pk>/reopen/", views.task_reopen, name="task-reopen"),
    path("young/", views.young_list, name="young-list"),
    path("young/export/", views.young_export, name="young-export"),
    path("young/marks/", views.mark_list, name="mark-list"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/export/", views.programme_export, name="programme-export"),
    path("programmes/new/", views.programme_create, name="programme-create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("support/", views.support_list, name="support-list"),
    path("support/export/", views.support_export, name="support-export"),
    path("support/new/", views.support_create, name="support-create"),
    path("support/<int:pk>/", views.support_update, name="support-update"),
    path("sessions/", views.session_list, name="session-list"),
    path("sessions/export/", views.session_export, name="session-export"),
    path("sessions/new/", views.session_create, name="session-create"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("retention/", views.retention, name="retention"),
    path("retention/export/", views.retention_export, name="retention-export"),
    path("attestation/", views.attestation_list, name="attestation-list"),
    path("attestation/export/", views.attestation_export, name="attestation-export"),
    path("attestation/new/", views.attestation_create, name="attestation-create"),
    path("attestation/<int:pk>/", views.attestation_edit, name="attestation-edit"),
    path("attestation/due/", views.due_list, name="due-list"),
    path("attestation/due/export/", views.due_export, name="due-export"),
    path("attestation/support/new/", views.attestation_support_create, name="attestation-support-create"),
]
