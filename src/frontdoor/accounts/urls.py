from django.urls import path

from . import admin_views, passkey_views, reset_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("password/", views.password_change, name="password_change"),
    path("reset/", reset_views.password_reset, name="password_reset"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/backup-codes/", views.backup_codes, name="backup_codes"),
    path(
        "two-factor/passkey/begin/",
        passkey_views.passkey_verify_begin,
        name="passkey_verify_begin",
    ),
    path("two-factor/passkey/", passkey_views.passkey_verify, name="passkey_verify"),
    path("passkeys/add/begin/", passkey_views.passkey_add_begin, name="passkey_add_begin"),
    path("passkeys/add/", passkey_views.passkey_add, name="passkey_add"),
    path("passkeys/remove/", passkey_views.passkey_remove, name="passkey_remove"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("admin/accounts/", admin_views.accounts, name="admin_accounts"),
    path(
        "admin/accounts/two-factor-reset/",
        admin_views.two_factor_reset,
        name="admin_two_factor_reset",
    ),
    path("admin/accounts/reset-link/", admin_views.reset_link, name="admin_reset_link"),
    path("admin/locked/", admin_views.locked, name="admin_locked"),
]
