from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import sitemaps
from articles.views import robots_txt
from site_config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("articles.urls")),
]

handler400 = "site_config.views.bad_request"
handler403 = "site_config.views.permission_denied"
handler404 = "site_config.views.page_not_found"
handler500 = "site_config.views.server_error"
