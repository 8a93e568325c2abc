"""What a document may be: its size, its type read from its content (not its name), and the
virus-scan hook. Settings (docs/documents.md):

- FRONTDOOR_DOCUMENT_MAX_MB: the largest file accepted (default 20; the request limit
  FRONTDOOR_MAX_UPLOAD_MB must be at least this);
- FRONTDOOR_DOCUMENT_TYPES: the extensions accepted, from ALLOWED below (default all of them);
- FRONTDOOR_DOCUMENT_SCANNER: the dotted path of a callable `scan(data: bytes, name: str)` that
  returns None when the file is clean or a short reason when it is not (default: accept).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class FileType:
    extension: str
    label: str
    mime: str


# Types a council attaches to a child's record. Plain text has no magic bytes: it is accepted when
# it is UTF-8 without control characters (so a binary file renamed .txt is refused).
ALLOWED: dict[str, FileType] = {
    t.extension: t
    for t in (
        FileType("pdf", "PDF", "application/pdf"),
        FileType(
            "docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileType("png", "PNG image", "image/png"),
        FileType("jpg", "JPEG image", "image/jpeg"),
        FileType("txt", "plain text file", "text/plain"),
    )
}
_ALIASES = {"jpeg": "jpg"}

Scanner = Callable[[bytes, str], "str | None"]


def max_bytes() -> int:
    return int(getattr(settings, "FRONTDOOR_DOCUMENT_MAX_MB", 20)) * 1024 * 1024


def allowed_types() -> list[FileType]:
    wanted = getattr(settings, "FRONTDOOR_DOCUMENT_TYPES", None) or list(ALLOWED)
    return [ALLOWED[e] for e in wanted if e in ALLOWED]


def types_in_words() -> str:
    labels = [t.label for t in allowed_types()]
    return ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else labels[0]


def extension_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _ALIASES.get(ext, ext)


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)


def sniffed_extension(data: bytes) -> str | None:
    """The type the content itself shows (magic bytes), as one of ALLOWED's extensions, else None."""
    kind = filetype.guess(data)
    if kind is not None:
        return _ALIASES.get(kind.extension, kind.extension) if kind.extension else None
    return "txt" if _is_plain_text(data) else None


def check_file(name: str, data: bytes) -> dict[str, str]:
    """Every problem with the file at once, as {field: message}; empty when it may be attached."""
    if not data:
        return {"file": "The selected file is empty"}
    problems: list[str] = []
    limit = max_bytes()
    if len(data) > limit:
        problems.append(
            f"The file must be smaller than {limit // (1024 * 1024)} MB "
            f"(this one is {len(data) / (1024 * 1024):.1f} MB)"
        )
    allowed = {t.extension for t in allowed_types()}
    named = extension_of(name)
    if named not in allowed:
        problems.append(f"The file must be a {types_in_words()}")
    else:
        actual = sniffed_extension(data)
        if actual != named:
            problems.append(
                f"The file is named .{named} but its content is not a {ALLOWED[named].label}"
                + (f" (it looks like a .{actual} file)" if actual else "")
                + ". Save it again in the right format"
            )
    if not problems:
        reason = scanner()(data, name)
        if reason:
            problems.append(f"The file was refused by the virus check: {reason}")
    return {"file": ". ".join(p.rstrip(".") for p in problems)} if problems else {}


def accept_all(data: bytes, name: str) -> str | None:
    """The default scanner: accepts every file (a council plugs in its own, e.g. ClamAV)."""
    return None


def scanner() -> Scanner:
    path = getattr(settings, "FRONTDOOR_DOCUMENT_SCANNER", "frontdoor.documents.checks.accept_all")
    found: Scanner = import_string(path)
    return found
