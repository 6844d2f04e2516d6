from django.contrib import admin
from django.urls import include, path

from site_config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("check-your-symptoms/", include("triage.urls")),
    path("", include("articles.urls")),
]

handler400 = "site_config.views.bad_request"
handler403 = "site_config.views.permission_denied"
handler404 = "site_config.views.page_not_found"
handler500 = "site_config.views.server_error"
