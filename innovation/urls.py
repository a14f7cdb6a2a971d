from django.urls import path

from innovation import views

app_name = "innovation"

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("export/", views.project_export, name="project-export"),
    path("new/", views.project_edit, name="project-create"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("<int:pk>/delete/", views.project_delete, name="project-delete"),
    path("<int:pk>/review/", views.project_to_review, name="project-review"),
    path("<int:pk>/stages/new/", views.stage_edit, name="stage-create"),
    path("<int:pk>/stages/<int:stage_pk>/", views.stage_edit, name="stage-edit"),
    path("<int:pk>/stages/<int:child_pk>/delete/", views.child_delete, {"kind": "stage"}, name="stage-delete"),
    path("<int:pk>/stages/<int:stage_pk>/<str:which>-report/", views.stage_file, name="stage-file"),
    path("<int:pk>/participants/new/", views.participant_edit, name="participant-create"),
    path("<int:pk>/participants/<int:participant_pk>/", views.participant_edit, name="participant-edit"),
    path("<int:pk>/participants/<int:child_pk>/delete/", views.child_delete, {"kind": "participant"}, name="participant-delete"),
    path("<int:pk>/products/new/", views.product_edit, name="product-create"),
    path("<int:pk>/products/<int:product_pk>/", views.product_edit, name="product-edit"),
    path("<int:pk>/products/<int:child_pk>/delete/", views.child_delete, {"kind": "product"}, name="product-delete"),
    path("<int:pk>/products/<int:product_pk>/to-bank/", views.product_to_bank, name="product-to-bank"),
    path("institution/<int:institution_pk>/", views.institution_projects, name="institution-projects"),
]
