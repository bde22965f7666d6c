from django.urls import path

from ppid.requests import views_public as views

app_name = "requests_public"
urlpatterns = [
    path("permohonan/", views.request_form, name="new"),
    path("permohonan/terkirim/", views.received, name="received"),
    path("permohonan/lacak/", views.track, name="track"),
    path("permohonan/lacak/<int:pk>/", views.status, name="status"),
    path("permohonan/lacak/<int:pk>/tanda-terima.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("permohonan/lacak/<int:pk>/pemberitahuan.pdf", views.notice_pdf, name="notice_pdf"),
    path("permohonan/lacak/<int:pk>/berkas/<uuid:public_id>/", views.given_file,
         name="given_file"),
    path("permohonan/lacak/<int:pk>/keberatan/", views.objection_form, name="objection"),
    path("permohonan/lacak/keberatan/<int:pk>/tanggapan.pdf", views.answer_pdf,
         name="answer_pdf"),
    path("statistik-layanan/", views.statistics, name="statistics"),
]
