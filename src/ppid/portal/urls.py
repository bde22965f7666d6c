from django.urls import path

from ppid.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("dip/", views.register, name="register"),
    path("dip/saringan/", views.register_facets, name="register_facets"),
    path("informasi/<int:pk>/", views.item, name="item"),
    path("berkas/<uuid:public_id>/", views.download, name="download"),
    path("dik/", views.exempt_list, name="exempt_list"),
]
