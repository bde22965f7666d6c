from django.urls import path

from ppid.records import views

app_name = "records"
urlpatterns = [
    path("", views.past_retention, name="retention"),
    path("retensi-kategori/", views.category_periods, name="categories"),
    path("pemusnahan/", views.disposals, name="disposals"),
    path("pemusnahan/usul/<int:item_pk>/", views.propose, name="propose"),
    path("pemusnahan/<int:pk>/", views.disposal_detail, name="disposal"),
    path("pemusnahan/<int:pk>/setujui/", views.approve, name="approve"),
    path("pemusnahan/<int:pk>/tolak/", views.reject, name="reject"),
    path("pemusnahan/<int:pk>/berita-acara.pdf", views.disposal_pdf, name="disposal_pdf"),
    path("fiksitas/", views.fixity, name="fixity"),
    path("fiksitas/<int:pk>/", views.fixity_run, name="fixity_run"),
]
