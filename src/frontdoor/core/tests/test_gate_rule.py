"""The gate rule, checked on the source: no view reaches a protected model's manager directly.

Rule 1 of "Need-to-know by construction": views get protected records only from their area's gate
(`<app>/access.py`) and lists only from selectors that filter by the user. This test parses every
view module under src/frontdoor (views.py, *_views.py, and every module of a views/ package) with
`ast`, and fails listing each place that uses, for a protected model:

    Model.objects / Model._default_manager / Model._base_manager
    get_object_or_404(Model, ...) / get_list_or_404(Model, ...)

Protected models are found from the source too: every model class defined in a casework app's
models (people, intake, cases, screening, child protection, assessments, allegations, police, out
of hours, exploitation, early help), so a new record type is protected from the day it is written.
The few that hold nothing about a child are listed in NOT_ABOUT_A_CHILD with the reason.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

CASEWORK_APPS = (
    "people",
    "intake",
    "cases",
    "screening",
    "protection",
    "child_protection",
    "assessments",
    "allegations",
    "police",
    "out_of_hours",
    "exploitation",
    "earlyhelp",
)

# Model classes in casework apps that hold nothing about a child or an adult subject.
NOT_ABOUT_A_CHILD: dict[str, str] = {
    "ScreeningMeeting": "the daily police screening meeting's date and chair, no child's data",
    "ScreeningAttendee": "who attended a screening meeting (staff and partners), no child's data",
}

# Places where a view may use a protected model's manager, each with the reason. Keyed by
# (module path relative to src/frontdoor, model, construct). An entry no longer used fails the
# test, so the list never outlives its reason.
ALLOWED: dict[tuple[str, str, str], str] = {}

MANAGERS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
# The models the project's issue names; the derivation below must find every one of them.
NAMED_IN_THE_ISSUE = {
    "Person",
    "Contact",
    "ContactChild",
    "Screening",
    "Decision",
    "InformationRequest",
    "Referral",
    "StrategyDiscussion",
    "Section47Enquiry",
    "ChildProtectionPlan",
    "ReviewConference",
    "AssessmentGuidance",
    "Assessment",
    "CaseMapping",
    "GroupSupervision",
    "StepDown",
    "EarlyHelpEpisode",
    "PoliceNotification",
    "NotificationChild",
    "EncompassNotice",
    "EdtRecord",
    "ExploitationScreening",
    "Allegation",
}


@dataclass(frozen=True)
class Offence:
    path: str
    line: int
    model: str
    construct: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.construct} on {self.model}"


def _model_modules(app: Path) -> list[Path]:
    single = app / "models.py"
    package = app / "models"
    return [single] if single.exists() else sorted(package.glob("*.py"))


def protected_models() -> set[str]:
    names: set[str] = set()
    for app in CASEWORK_APPS:
        for module in _model_modules(PACKAGE / app):
            tree = ast.parse(module.read_text(), filename=str(module))
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and not _is_abstract(node):
                    names.add(node.name)
    return (
        {n for n in names if n[0].isupper() and not n.endswith(("QuerySet", "Manager"))}
        - set(NOT_ABOUT_A_CHILD)
        - {"Meta"}
    )


def _is_abstract(node: ast.ClassDef) -> bool:
    for item in node.body:
        if isinstance(item, ast.ClassDef) and item.name == "Meta":
            for stmt in item.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "abstract" for t in stmt.targets)
                    and isinstance(stmt.value, ast.Constant)
                    and stmt.value.value is True
                ):
                    return True
    # TextChoices and other non-model classes in models.py: a model subclasses a model base.
    bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    return bool(bases & {"TextChoices", "IntegerChoices", "Enum", "Exception"})


def view_modules() -> list[Path]:
    found: set[Path] = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        if path.name == "views.py" or path.name.endswith("_views.py") or "views" in path.parts:
            found.add(path)
    return sorted(found)


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> imported name, for `from x import Model as Alias`."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    return aliases


def _model_name(node: ast.expr, aliases: dict[str, str]) -> str:
    if isinstance(node, ast.Name):
        return aliases.get(node.id, node.id)
    if isinstance(node, ast.Attribute):  # models.Contact
        return node.attr
    return ""


def offences_in(path: Path, protected: set[str]) -> list[Offence]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return scan(tree, str(path.relative_to(PACKAGE)), protected)


def scan(tree: ast.Module, relative: str, protected: set[str]) -> list[Offence]:
    aliases = _aliases(tree)
    found: list[Offence] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            model = _model_name(node.value, aliases)
            if model in protected:
                found.append(Offence(relative, node.lineno, model, f"{model}.{node.attr}"))
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in SHORTCUTS:
                model = _model_name(node.args[0], aliases)
                if model in protected:
                    found.append(Offence(relative, node.lineno, model, f"{name}({model}, ...)"))
    return sorted(found, key=lambda o: o.line)


def all_offences() -> list[Offence]:
    protected = protected_models()
    return [o for path in view_modules() for o in offences_in(path, protected)]


def test_the_protected_models_include_every_record_type_named_in_the_issue() -> None:
    missing = NAMED_IN_THE_ISSUE - protected_models()
    assert missing == set(), f"not found in casework apps' models: {sorted(missing)}"


def test_the_checker_finds_each_construct() -> None:
    source = (
        "from django.shortcuts import get_object_or_404, get_list_or_404\n"
        "from .models import Contact as C, ContactChild\n"
        "from frontdoor.people import models\n"
        "a = C.objects.get(pk=1)\n"
        "b = get_object_or_404(ContactChild, pk=1)\n"
        "c = get_list_or_404(models.Person)\n"
        "d = models.Person._default_manager.all()\n"
        "e = ContactChild._base_manager.all()\n"
        "f = Team.objects.all()\n"
    )
    found = scan(ast.parse(source), "intake/probe_views.py", protected_models())
    assert [str(o) for o in found] == [
        "intake/probe_views.py:4: Contact.objects on Contact",
        "intake/probe_views.py:5: get_object_or_404(ContactChild, ...) on ContactChild",
        "intake/probe_views.py:6: get_list_or_404(Person, ...) on Person",
        "intake/probe_views.py:7: Person._default_manager on Person",
        "intake/probe_views.py:8: ContactChild._base_manager on ContactChild",
    ]


def test_no_view_reaches_a_protected_models_manager() -> None:
    offences = all_offences()
    unexplained = [o for o in offences if (o.path, o.model, o.construct) not in ALLOWED]
    assert unexplained == [], (
        f"{len(unexplained)} place(s) in view modules reach a protected model directly; load the "
        "record through its area's gate (access.py) or a selector that filters by the user:\n"
        + "\n".join(f"  {o}" for o in unexplained)
    )


def test_every_allow_list_entry_is_still_needed() -> None:
    used = {(o.path, o.model, o.construct) for o in all_offences()}
    stale = sorted(set(ALLOWED) - used)
    assert stale == [], f"remove these allow-list entries, nothing uses them now: {stale}"
