from django.urls import path

from core.pages import crud_paths
from training import views

app_name = "training"

urlpatterns = [
    *crud_paths("programmes/", views, "programme"),
    *crud_paths("providers/", views, "provider", "list create edit delete",
                create=views.provider_form, edit=views.provider_form),
    *crud_paths("completions/", views, "completion", "list export create edit delete"),
    path("completions/import/", views.CompletionImportView.as_view(), name="completion-import"),
    *crud_paths("hours/", views, "account", "list export"),
    path("diagnosis/", views.my_diagnoses, name="my-diagnoses"),
    path("diagnosis/start/", views.diagnosis_start, name="diagnosis-start"),
    *crud_paths("diagnoses/", views, "diagnosis", "list export"),
    path("diagnoses/external/", views.diagnosis_external, name="diagnosis-external"),
    path("diagnoses/<int:pk>/", views.diagnosis_detail, name="diagnosis-detail"),
    path("diagnoses/<int:pk>/take/", views.diagnosis_take, name="diagnosis-take"),
    path("route/", views.my_route, name="my-route"),
    *crud_paths("routes/", views, "route", "list export detail"),
    path("routes/<int:pk>/pdf/", views.route_pdf, name="route-pdf"),
    path("routes/<int:pk>/suggestion/", views.route_add_suggestion, name="route-add-suggestion"),
    path("routes/<int:pk>/items/new/", views.route_add_item, name="route-add-item"),
    path("items/<int:pk>/evidence/", views.item_evidence, name="item-evidence"),
    path("items/<int:pk>/review/", views.item_review, name="item-review"),
    path("items/<int:pk>/file/", views.item_file, name="item-file"),
    path("items/<int:pk>/delete/", views.item_delete, name="item-delete"),
]
