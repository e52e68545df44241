from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup, name="signup"),
    path("signup/check-your-email/", views.signup_done, name="signup-done"),
    path("confirm/resend/", views.confirm_resend, name="confirm-resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("password/change/", views.password_change, name="password_change"),
    path("password/change/done/", views.password_change_done, name="password_change_done"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile, name="profile"),
    path("me/organisations/", views.memberships, name="memberships"),
    path("organisations/<int:pk>/members/", views.organisation_members, name="organisation-members"),
    path("memberships/<int:pk>/<slug:action>/", views.membership_action, name="membership-action"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("countries/<str:code>/users/", views.country_users, name="country-users"),
    path("roles/<int:pk>/remove/", views.role_remove, name="role-remove"),
    path("invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation-cancel"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
