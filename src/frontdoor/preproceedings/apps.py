from django.apps import AppConfig


class PreProceedingsConfig(AppConfig):
    name = "frontdoor.preproceedings"
    label = "preproceedings"
    verbose_name = "Pre-proceedings and family group decision-making"
