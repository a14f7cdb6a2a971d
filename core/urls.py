from django.urls import path

from core import autocomplete
from core import record_views
from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("autocomplete/<slug:kind>/", autocomplete.autocomplete, name="autocomplete"),
    path("me/", views.my_record, name="my-record"),
    path("institutions/", views.institution_list, name="institution-list"),
    path("institutions/export/", views.institution_export, name="institution-export"),
    path("institutions/new/", views.institution_create, name="institution-create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution-detail"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution-edit"),
    path("institutions/<int:pk>/active/", views.institution_active, name="institution-active"),
    path("pedagogues/", views.pedagogue_list, name="pedagogue-list"),
    path("pedagogues/export/", views.pedagogue_export, name="pedagogue-export"),
    path("pedagogues/import/", views.RosterImportView.as_view(), name="pedagogue-import"),
    path("pedagogues/new/", views.pedagogue_create, name="pedagogue-create"),
    path("pedagogues/<int:pk>/", views.pedagogue_detail, name="pedagogue-detail"),
    path("pedagogues/<int:pk>/edit/", views.pedagogue_edit, name="pedagogue-edit"),
    path("pedagogues/<int:pk>/categories/new/", views.category_award_create, name="category-award-create"),
    path("pedagogues/<int:pk>/categories/<int:award_pk>/delete/", views.category_award_delete,
         name="category-award-delete"),
    path("pedagogues/<int:pk>/record.pdf", record_views.record_pdf, name="pedagogue-record-pdf"),
    path("pedagogues/<int:pk>/record.xlsx", record_views.record_xlsx, name="pedagogue-record-xlsx"),
]
