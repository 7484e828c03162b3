from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language
from django.views.static import serve

from biocluster.accounts.signup import SignupView
from biocluster.core import views as core_views

from .api import api

urlpatterns = [
    path("", core_views.home, name="home"),
    path("ok", core_views.ok, name="ok"),
    path("charts/<str:digest>/", core_views.chart_drawing, name="chart_drawing"),
    path("demo/mail/", core_views.demo_mail, name="demo_mail"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("directory/", include("biocluster.directory.urls")),
    path("calls/", include("biocluster.calls.urls")),
    path("platforms/", include("biocluster.platforms.urls")),
    path("programmes/", include("biocluster.programmes.urls")),
    path("accreditation/", include("biocluster.accreditation.urls")),
    path("events/", include("biocluster.events.urls")),
    path("partnering/", include("biocluster.partnering.urls")),
    path("indicators/", include("biocluster.indicators.urls")),
    path("relations/", include("biocluster.relations.urls")),
    path("survey/", include("biocluster.survey.urls")),
    path("funders/", include("biocluster.funders.urls")),
    path("publishing/", include("biocluster.publishing.urls")),
    path("recommendations/", include("biocluster.recommendations.urls")),
    path("cooperation/", include("biocluster.cooperation.urls")),
    path("euprojects/", include("biocluster.euprojects.urls")),
    path("estate/", include("biocluster.estate.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler500 = "biocluster.core.busy.handler500"

if settings.DEBUG or settings.DEMO:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
