from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from .sessions import audit_lockout, stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="frontdoor_stamp_session")
        user_locked_out.connect(audit_lockout, dispatch_uid="frontdoor_audit_lockout")
