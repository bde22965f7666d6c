from django.contrib.auth import views as auth_views
from django.urls import path

from ppid.workspace import views

app_name = "workspace"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="workspace/login.html",
                                                redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.register, name="register"),
    path("informasi/baru/", views.item_create, name="item_create"),
    path("informasi/<int:pk>/", views.item_detail, name="item"),
    path("informasi/<int:pk>/ubah/", views.item_edit, name="item_edit"),
    path("informasi/<int:pk>/unggah/", views.item_upload, name="item_upload"),
    path("informasi/<int:pk>/status/", views.item_transition, name="item_transition"),
    path("informasi/<int:pk>/riwayat.csv", views.item_history_export, name="item_history_csv"),
    path("berkas/<uuid:public_id>/", views.download, name="download"),
    path("audit/", views.audit_log, name="audit"),
    path("pemberitahuan/", views.notifications_inbox, name="notifications"),
    path("pengaturan/", views.agency_settings, name="settings"),
    path("audit/ekspor.csv", views.audit_export, name="audit_csv"),
]
