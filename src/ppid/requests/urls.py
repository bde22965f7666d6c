from django.urls import path

from ppid.requests import views

app_name = "requests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("baru/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/teruskan/", views.request_forward, name="forward"),
    path("<int:pk>/perpanjang/", views.request_extend, name="extend"),
    path("<int:pk>/putuskan/", views.request_decide, name="decide"),
    path("<int:pk>/selesai/", views.request_complete, name="complete"),
    path("<int:pk>/dicabut/", views.request_withdraw, name="withdraw"),
    path("<int:pk>/pesan/", views.request_message, name="message"),
    path("<int:pk>/hapus-data-pribadi/", views.request_erase, name="erase"),
    path("<int:pk>/tanda-terima.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("<int:pk>/pemberitahuan.pdf", views.notice_pdf, name="notice_pdf"),
    path("<int:pk>/berkas/<str:field>/", views.personal_file, name="personal_file"),
    path("<int:pk>/keberatan/baru/", views.objection_new, name="objection_new"),
    path("keberatan/", views.objection_list, name="objections"),
    path("keberatan/<int:pk>/", views.objection_detail, name="objection"),
    path("keberatan/<int:pk>/jawab/", views.objection_answer, name="objection_answer"),
    path("keberatan/<int:pk>/tanggapan.pdf", views.answer_pdf, name="answer_pdf"),
    path("keberatan/<int:pk>/kuasa/", views.power_of_attorney, name="power_of_attorney"),
    path("keberatan/<int:pk>/sengketa/", views.dispute_edit, name="dispute"),
    path("sengketa/dokumen/<int:pk>/", views.dispute_document, name="dispute_document"),
    path("register/", views.request_register, name="register"),
    path("register-keberatan/", views.objection_register, name="objection_register"),
    path("laporan/", views.report, name="report"),
]
