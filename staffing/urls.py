from django.urls import path

from staffing import views

app_name = "staffing"

submission = "campaigns/<int:campaign_pk>/institutions/<int:institution_pk>/"

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("campaigns/export/", views.campaign_export, name="campaign-export"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/delete/", views.campaign_delete, name="campaign-delete"),
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
    path("documents/", views.document_list, name="document-list"),
    path("documents/export/", views.document_export, name="document-export"),
    path("documents/new/", views.document_create, name="document-create"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document-edit"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
    path("documents/<int:pk>/file/", views.document_file, name="document-file"),
]
