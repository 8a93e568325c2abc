from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"
