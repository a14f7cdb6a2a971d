from django.urls import path

from core.pages import crud_paths

from . import views

app_name = "associations"

urlpatterns = [
    *crud_paths("", views, "association"),
    path("<int:pk>/members/add/", views.membership_add, name="membership-add"),
    path("<int:pk>/members/<int:membership_pk>/", views.membership_edit, name="membership-edit"),
    path("<int:pk>/members/<int:membership_pk>/delete/", views.membership_delete, name="membership-delete"),
    path("<int:pk>/plan/add/", views.plan_item_add, name="plan-item-add"),
    path("<int:pk>/plan/<int:item_pk>/", views.plan_item_edit, name="plan-item-edit"),
    path("<int:pk>/plan/<int:item_pk>/delete/", views.plan_item_delete, name="plan-item-delete"),
    path("<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("<int:pk>/products/add/", views.product_add, name="product-add"),
    path("<int:pk>/products/<int:product_pk>/", views.product_edit, name="product-edit"),
    path("<int:pk>/products/<int:product_pk>/delete/", views.product_delete, name="product-delete"),
    path("<int:pk>/products/<int:product_pk>/to-bank/", views.product_to_bank, name="product-to-bank"),
    path("meetings/without-attendance/", views.meetings_without_attendance, name="meetings-without-attendance"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting-delete"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting-minutes"),
    path("products/<int:pk>/file/", views.product_file, name="product-file"),
    path("entries/<int:pk>/document/", views.entry_document, name="entry-document"),
    *crud_paths("products/", views, "product", "list export"),
    *crud_paths("competitions/", views, "competition"),
    path("competitions/import/", views.ResultsImportView.as_view(), name="result-import"),
    path("competitions/<int:pk>/entries/add/", views.entry_add, name="entry-add"),
    path("competitions/<int:pk>/entries/<int:entry_pk>/", views.entry_edit, name="entry-edit"),
    path("competitions/<int:pk>/entries/<int:entry_pk>/delete/", views.entry_delete, name="entry-delete"),
    *crud_paths("results/", views, "result", "list export"),
]
