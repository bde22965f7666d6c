from django.urls import path

from ppid.worktime import views

app_name = "worktime"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("hapus/<int:pk>/", views.remove_entry, name="remove"),
    path("konfirmasi/", views.confirm_year, name="confirm"),
]
