from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("directions/<str:code>/ranking/", views.direction_ranking, name="ranking"),
    path("settings/", views.passports, name="passports"),
    path("settings/directions/<int:pk>/", views.direction_edit, name="direction-edit"),
    path("settings/indicators/<int:pk>/", views.passport_edit, name="passport-edit"),
    path("targets/", views.targets, name="targets"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/report.xlsx", views.report_xlsx, name="report-xlsx"),
    path("reports/<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("reports/<int:pk>/note.docx", views.note_docx, name="note-docx"),
    path("reports/<int:pk>/note.pdf", views.note_pdf, name="note-pdf"),
    path("reports/<int:pk>/order/", views.order_create, name="order-create"),
    path("orders/", views.orders, name="orders"),
    path("orders/export/", views.order_export, name="order-export"),
    path("orders/<int:pk>/", views.order_detail, name="order-detail"),
    path("orders/<int:pk>/edit/", views.order_edit, name="order-edit"),
    path("orders/<int:pk>/delete/", views.order_delete, name="order-delete"),
    path("orders/<int:pk>/issue/", views.order_issue, name="order-issue"),
    path("orders/<int:pk>/order.pdf", views.order_pdf, name="order-pdf"),
    path("orders/<int:pk>/order.docx", views.order_docx, name="order-docx"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/export/", views.task_export, name="task-export"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:pk>/files/<int:file_pk>/", views.task_file, name="task-file"),
]
