from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles import editor
from articles.sitemaps import sitemaps
from site_config import views
from site_config.caching import cached_for_readers

admin.site.site_header = f"{settings.SITE_NAME}: editors' back office"
admin.site.site_title = f"{settings.SITE_NAME} back office"
admin.site.index_title = "Articles and settings"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("csp-report/", views.csp_report, name="csp_report"),
    # The Markdown editor's endpoints, at the paths and names its widget expects
    # (MARKDOWNX_URLS_PATH and MARKDOWNX_UPLOAD_URLS_PATH).
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload_image, name="markdownx_upload"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", cached_for_readers(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("check-your-symptoms/", include("triage.urls")),
    path("search/", include("search.urls")),
    path("", include("articles.urls")),
]
# In development only; in production the web server serves uploaded images (README).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "site_config.views.bad_request"
handler403 = "site_config.views.permission_denied"
handler404 = "site_config.views.page_not_found"
handler500 = "site_config.views.server_error"
