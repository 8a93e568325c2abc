from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="Username",
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Ask your system administrator to reactivate it.",
    }


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "inputmode": "text"}
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )


class SetUpForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        help_text="After scanning the QR code, the app shows a 6-digit code. Enter it here.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the 6-digit code your authenticator app shows"},
    )


def _password(label: str, help_text: str = "", autocomplete: str = "new-password") -> forms.Field:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": f"Enter {label[0].lower()}{label[1:]}"},
    )


NEW_PASSWORD_HINT = (
    "At least 12 characters. Not a common password, nor one like your name or username. "
    "A few random words together work well."
)


class NewPasswordForm(forms.Form):
    new_password1 = _password("New password", NEW_PASSWORD_HINT)
    new_password2 = _password("Confirm new password")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", "The two new passwords do not match. Type them again.")
        return data


class PasswordChangeForm(NewPasswordForm):
    old_password = _password("Current password", autocomplete="current-password")
    field_order = ["old_password", "new_password1", "new_password2"]


class AccountChoiceForm(forms.Form):
    """The account an administrator acts on (a button on the accounts list)."""

    user = forms.IntegerField(widget=forms.HiddenInput)


class UnlockForm(forms.Form):
    attempt = forms.IntegerField(widget=forms.HiddenInput)
