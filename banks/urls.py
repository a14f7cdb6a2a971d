from django.urls import path

from banks import views
from core.pages import crud_paths

app_name = "banks"

urlpatterns = [
    *crud_paths("", views, "item", create=views.item_edit),
    path("import/", views.ItemImportView.as_view(), name="item-import"),
    path("<int:pk>/file/", views.item_file, name="item-file"),
    path("<int:pk>/submit/", views.item_submit, name="item-submit"),
    path("<int:pk>/publish/", views.item_publish, name="item-publish"),
    path("<int:pk>/unpublish/", views.item_unpublish, name="item-unpublish"),
    path("showcase/", views.showcase, name="showcase"),
    path("showcase/<int:pk>/", views.showcase_detail, name="showcase-detail"),
    path("showcase/<int:pk>/file/", views.showcase_file, name="showcase-file"),
]
