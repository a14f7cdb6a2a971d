from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/export/", views.programme_export, name="programme-export"),
    path("programmes/new/", views.programme_create, name="programme-create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("programmes/<int:pk>/delete/", views.programme_delete, name="programme-delete"),
    path("providers/", views.provider_list, name="provider-list"),
    path("providers/new/", views.provider_form, name="provider-create"),
    path("providers/<int:pk>/edit/", views.provider_form, name="provider-edit"),
    path("providers/<int:pk>/delete/", views.provider_delete, name="provider-delete"),
    path("completions/", views.completion_list, name="completion-list"),
    path("completions/export/", views.completion_export, name="completion-export"),
    path("completions/import/", views.CompletionImportView.as_view(), name="completion-import"),
    path("completions/new/", views.completion_create, name="completion-create"),
    path("completions/<int:pk>/edit/", views.completion_edit, name="completion-edit"),
    path("completions/<int:pk>/delete/", views.completion_delete, name="completion-delete"),
    path("hours/", views.account_list, name="account-list"),
    path("hours/export/", views.account_export, name="account-export"),
    path("diagnosis/", views.my_diagnoses, name="my-diagnoses"),
    path("diagnosis/start/", views.diagnosis_start, name="diagnosis-start"),
    path("diagnoses/", views.diagnosis_list, name="diagnosis-list"),
    path("diagnoses/export/", views.diagnosis_export, name="diagnosis-export"),
    path("diagnoses/external/", views.diagnosis_external, name="diagnosis-external"),
    path("diagnoses/<int:pk>/", views.diagnosis_detail, name="diagnosis-detail"),
    path("diagnoses/<int:pk>/take/", views.diagnosis_take, name="diagnosis-take"),
    path("route/", views.my_route, name="my-route"),
    path("routes/", views.route_list, name="route-list"),
    path("routes/export/", views.route_export, name="route-export"),
    path("routes/<int:pk>/", views.route_detail, name="route-detail"),
    path("routes/<int:pk>/pdf/", views.route_pdf, name="route-pdf"),
    path("routes/<int:pk>/suggestion/", views.route_add_suggestion, name="route-add-suggestion"),
    path("routes/<int:pk>/items/new/", views.route_add_item, name="route-add-item"),
    path("items/<int:pk>/evidence/", views.item_evidence, name="item-evidence"),
    path("items/<int:pk>/review/", views.item_review, name="item-review"),
    path("items/<int:pk>/file/", views.item_file, name="item-file"),
    path("items/<int:pk>/delete/", views.item_delete, name="item-delete"),
]
