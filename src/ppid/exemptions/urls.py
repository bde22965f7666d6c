from django.urls import path

from ppid.exemptions import views

app_name = "exemptions"
urlpatterns = [
    path("", views.exempt_register, name="register"),
    path("informasi/<int:pk>/", views.item_panel, name="item"),
    path("informasi/<int:pk>/uji-konsekuensi/baru/", views.harm_test_new, name="harm_test_new"),
    path("informasi/<int:pk>/buka/", views.open_item, name="open_item"),
    path("informasi/<int:pk>/pemegang/", views.custodians, name="custodians"),
    path("uji-konsekuensi/<int:pk>/", views.harm_test, name="harm_test"),
    path("uji-konsekuensi/<int:pk>/ubah/", views.harm_test_edit, name="harm_test_edit"),
    path("uji-konsekuensi/<int:pk>/<str:action>/", views.harm_test_action,
         name="harm_test_action"),
    path("keputusan/<int:pk>.pdf", views.decision_pdf, name="decision_pdf"),
    path("berkas/<uuid:public_id>/", views.open_document, name="open_document"),
    path("hitamkan/<uuid:public_id>/", views.redact, name="redact"),
    path("hitamkan/<uuid:public_id>/halaman/<int:page>.png", views.redact_page,
         name="redact_page"),
    path("hitamkan/<uuid:public_id>/hapus/<int:pk>/", views.redact_remove, name="redact_remove"),
    path("hitamkan/<uuid:public_id>/terapkan/", views.redact_apply, name="redact_apply"),
    path("hitamkan/<uuid:public_id>/status/", views.redact_status, name="redact_status"),
]
