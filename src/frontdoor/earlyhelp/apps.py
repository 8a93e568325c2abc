from django.apps import AppConfig


class EarlyhelpConfig(AppConfig):
    name = "frontdoor.earlyhelp"
    label = "earlyhelp"
