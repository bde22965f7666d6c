from django.urls import path

from ppid.procedures import views, views_reports

app_name = "procedures"
urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("impor/", views.import_upload, name="import"),
    path("<int:pk>/", views.revision_detail, name="revision"),
    path("<int:pk>/ubah/", views.revision_edit, name="revision_edit"),
    path("<int:pk>/aktifkan/", views.revision_activate, name="revision_activate"),
    path("<int:pk>/revisi-baru/", views.revision_new, name="revision_new"),
    path("<int:pk>/buang/", views.revision_discard, name="revision_discard"),
    path("<int:pk>/dokumen/", views_reports.procedure_document, name="document"),
    path("<int:pk>/dokumen.pdf", views_reports.procedure_pdf, name="document_pdf"),
    path("<int:pk>/mulai/", views.case_start, name="case_start"),
    path("kasus/", views.case_list, name="cases"),
    path("kasus/<int:pk>/", views.case_detail, name="case"),
    path("kasus/<int:pk>/berkas/<int:file_id>/", views.case_file, name="case_file"),
    path("tugas/", views.task_list, name="tasks"),
    path("tugas/<int:pk>/selesai/", views.task_complete, name="task_complete"),
    path("tugas/<int:pk>/alihkan/", views.task_reassign, name="task_reassign"),
    path("kepatuhan/", views_reports.compliance, name="compliance"),
    path("kepatuhan.xlsx", views_reports.compliance_xlsx, name="compliance_xlsx"),
    path("kepatuhan.pdf", views_reports.compliance_pdf, name="compliance_pdf"),
]
