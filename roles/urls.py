from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/", views.role_list, name="role-list"),
    # Before the role pages, whose slugs would otherwise take "compare".
    path("roles/compare/", views.role_compare, name="role-compare"),
    path("roles/<slug:slug>/", views.role_detail, name="role-detail"),
    path("levels/", views.proficiency_scale, name="scale"),
]
