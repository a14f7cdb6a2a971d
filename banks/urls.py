from django.urls import path

from banks import views

app_name = "banks"

urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("export/", views.item_export, name="item-export"),
    path("new/", views.item_edit, name="item-create"),
    path("import/", views.ItemImportView.as_view(), name="item-import"),
    path("<int:pk>/", views.item_detail, name="item-detail"),
    path("<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("<int:pk>/file/", views.item_file, name="item-file"),
    path("<int:pk>/submit/", views.item_submit, name="item-submit"),
    path("<int:pk>/publish/", views.item_publish, name="item-publish"),
    path("<int:pk>/unpublish/", views.item_unpublish, name="item-unpublish"),
    path("showcase/", views.showcase, name="showcase"),
    path("showcase/<int:pk>/", views.showcase_detail, name="showcase-detail"),
    path("showcase/<int:pk>/file/", views.showcase_file, name="showcase-file"),
]
