from django.urls import path

from core.pages import crud_paths
from expertise import views

app_name = "expertise"

urlpatterns = [
    *crud_paths("", views, "request", "list export create detail delete"),
    path("<int:pk>/file/", views.request_file, name="request-file"),
    path("<int:pk>/conclusion.pdf", views.conclusion_pdf, name="conclusion-pdf"),
    path("<int:pk>/assign/", views.request_assign, name="request-assign"),
    path("<int:pk>/conclude/", views.request_conclude, name="request-conclude"),
    path("<int:pk>/resubmit/", views.request_resubmit, name="request-resubmit"),
    path("queue/", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.review_form, name="review-form"),
    *crud_paths("experts/", views, "expert", "list export create delete", create=views.expert_edit),
    path("experts/<int:pk>/", views.expert_edit, name="expert-edit"),
]
