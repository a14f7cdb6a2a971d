from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("export/", views.certificate_export, name="export"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("<int:pk>/pdf/", views.certificate_pdf, name="pdf"),
    path("<int:pk>/revoke/", views.certificate_revoke, name="revoke"),
    path("issue/", views.issue_start, name="issue"),
    path("issue/<str:key>/<int:pk>/", views.issue_event, name="issue-event"),
    path("issue/<str:key>/<int:pk>/zip/", views.issue_event_zip, name="issue-event-zip"),
    path("verify/", views.verify_form, name="verify-form"),
    path("verify/<str:number>/", views.verify, name="verify"),
]
