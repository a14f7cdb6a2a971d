from django.urls import path

from expertise import views

app_name = "expertise"

urlpatterns = [
    path("", views.request_list, name="request-list"),
    path("export/", views.request_export, name="request-export"),
    path("new/", views.request_create, name="request-create"),
    path("<int:pk>/", views.request_detail, name="request-detail"),
    path("<int:pk>/delete/", views.request_delete, name="request-delete"),
    path("<int:pk>/file/", views.request_file, name="request-file"),
    path("<int:pk>/conclusion.pdf", views.conclusion_pdf, name="conclusion-pdf"),
    path("<int:pk>/assign/", views.request_assign, name="request-assign"),
    path("<int:pk>/conclude/", views.request_conclude, name="request-conclude"),
    path("<int:pk>/resubmit/", views.request_resubmit, name="request-resubmit"),
    path("queue/", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.review_form, name="review-form"),
    path("experts/", views.expert_list, name="expert-list"),
    path("experts/export/", views.expert_export, name="expert-export"),
    path("experts/new/", views.expert_edit, name="expert-create"),
    path("experts/<int:pk>/", views.expert_edit, name="expert-edit"),
    path("experts/<int:pk>/delete/", views.expert_delete, name="expert-delete"),
]
