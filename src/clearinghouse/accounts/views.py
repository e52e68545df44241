from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

login_view = auth_views.LoginView.as_view(template_name="accounts/login.html")
logout_view = auth_views.LogoutView.as_view()


def signup(request):
    return render(request, "accounts/signup.html", {})


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html", {})
