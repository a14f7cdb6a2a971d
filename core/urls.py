from django.urls import path

from core import autocomplete, record_views, views
from core.pages import crud_paths

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("autocomplete/<slug:kind>/", autocomplete.autocomplete, name="autocomplete"),
    path("me/", views.my_record, name="my-record"),
    *crud_paths("institutions/", views, "institution", "list export create detail edit"),
    path("institutions/<int:pk>/active/", views.institution_active, name="institution-active"),
    *crud_paths("pedagogues/", views, "pedagogue", "list export create detail edit"),
    path("pedagogues/import/", views.RosterImportView.as_view(), name="pedagogue-import"),
    path("pedagogues/<int:pk>/categories/new/", views.category_award_create, name="category-award-create"),
    path("pedagogues/<int:pk>/categories/<int:award_pk>/delete/", views.category_award_delete,
         name="category-award-delete"),
    path("pedagogues/<int:pk>/record.pdf", record_views.record_pdf, name="pedagogue-record-pdf"),
    path("pedagogues/<int:pk>/record.xlsx", record_views.record_xlsx, name="pedagogue-record-xlsx"),
]
