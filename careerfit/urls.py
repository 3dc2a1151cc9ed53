from django.contrib import admin
from django.urls import include, path

from assessments import accounts
from careerfit.api import api
from careerfit.health import alive, health, server_error

admin.site.site_header = "careerfit administration"
admin.site.site_title = "careerfit admin"
admin.site.index_title = "Catalogue and accounts"

handler500 = server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("health/", health, name="health"),
    path("health/alive/", alive, name="health-alive"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/signup/", accounts.signup, name="signup"),
    path(
        "account/signup/confirm/<uidb64>/<token>/",
        accounts.signup_confirm,
        name="signup-confirm",
    ),
    path("account/login/", accounts.ClaimingLoginView.as_view(), name="login"),
    path("account/password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("account/", include("django.contrib.auth.urls")),
    path("", include("assessments.urls")),
    path("", include("roles.urls")),
]
