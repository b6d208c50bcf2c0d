"""Every route of the portal; who may open each is decided in portal/views.py (tests/portal/test_security.py
holds every route to its status for every role)."""

from pathlib import Path

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.static import serve

from portal import views

app_name = "portal"
STATIC = Path(__file__).resolve().parent / "static"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="portal/login.html",
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="portal:login"), name="logout"),
    path("department/<str:code>/", views.department, name="department"),
    path("department/<str:code>/template/<str:period>/", views.template, name="template"),
    path("submit/", views.submit, name="submit"),
    path("submissions/<int:number>/", views.submission, name="submission"),
    path("submissions/<int:number>/send/", views.send, name="send"),
    path("submissions/<int:number>/marked/", views.marked, name="marked"),
    path("operator/", views.operator, name="operator"),
    # The portal's own style sheet: offices are offline, nothing is loaded from elsewhere.
    path("static/<path:path>", serve, {"document_root": STATIC}),
]
