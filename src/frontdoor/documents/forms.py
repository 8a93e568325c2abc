from __future__ import annotations

from django import forms

from .checks import max_bytes, types_in_words


class DocumentForm(forms.Form):
    title = forms.CharField(
        label="What is this document?",
        help_text="For example 'School attendance report, autumn term'",
        required=False,
    )
    file = forms.FileField(
        label="File",
        required=False,
        error_messages={"invalid": "The selected file could not be read: select it again"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields[
            "file"
        ].help_text = f"A {types_in_words()}, smaller than {max_bytes() // (1024 * 1024)} MB"

    def clean(self) -> dict[str, object]:
        # Every problem at once: a missing description and a missing file together; the file's
        # own checks (size, type, content, virus scan) are the service's, reported the same way.
        cleaned = super().clean() or {}
        if not (cleaned.get("title") or "").strip():
            self.add_error(
                "title", "Enter what the document is, for example 'School attendance report'"
            )
        if not cleaned.get("file"):
            self.add_error("file", "Select the file to attach")
        return cleaned
