from django.urls import path

from core.pages import crud_paths
from staffing import views

app_name = "staffing"

submission = "campaigns/<int:campaign_pk>/institutions/<int:institution_pk>/"

urlpatterns = [
    *crud_paths("campaigns/", views, "campaign", list_route=""),
    path("campaigns/<int:pk>/status/", views.campaign_status, name="campaign-status"),
    path("campaigns/<int:pk>/export/", views.campaign_completeness_export, name="campaign-completeness-export"),
    path("campaigns/<int:pk>/summary/", views.campaign_summary, name="campaign-summary"),
    path("campaigns/<int:pk>/summary/export/", views.campaign_summary_export, name="campaign-summary-export"),
    path(submission, views.submission_detail, name="submission-detail"),
    path(submission + "edit/", views.submission_edit, name="submission-edit"),
    path(submission + "enter/", views.submission_enter, name="submission-enter"),
    path(submission + "upload/", views.SubmissionUploadView.as_view(), name="submission-upload"),
    path(submission + "submit/", views.submission_submit, name="submission-submit"),
    path(submission + "review/", views.submission_review, name="submission-review"),
    *crud_paths("documents/", views, "document", "list export create edit delete"),
    path("documents/<int:pk>/file/", views.document_file, name="document-file"),
]
