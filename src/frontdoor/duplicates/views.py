"""The duplicate review: the queue, a pair side by side (not the same person / propose a merge),
the manager's merge and a merge's record with its undo."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted

from . import selectors, services
from .access import access_merge, access_pair
from .forms import DecisionForm, MergeForm, UndoForm
from .guards import merge_refusal, undo_refusal
from .models import DuplicatePair, PairStatus

STALE = 409
PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # behind @requires
    return request.user


@requires("edit_people")
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", PairStatus.OPEN)
    if status not in (PairStatus.OPEN, PairStatus.MERGE_PROPOSED):
        status = PairStatus.OPEN
    page = Paginator(selectors.review_queue(user=request.user, status=status), PER_PAGE).get_page(
        request.GET.get("page")
    )
    shown = [pk for pair in page for pk in (pair.person_a_id, pair.person_b_id)]
    audit_list_view(actor=request.user, record_type="duplicate_pair", person_ids=shown)
    return render(request, "duplicates/queue.html", {"page": page, "status": status})


def _pair_page(
    request: HttpRequest, pair: DuplicatePair, form: DecisionForm, status: int = 200
) -> HttpResponse:
    a, b = pair.person_a, pair.person_b
    context = {
        "pair": pair,
        "form": form,
        "rows": selectors.comparison(a, b),
        "sides": [
            (a, selectors.other_names(a), selectors.current_address(a), selectors.records_held(a)),
            (b, selectors.other_names(b), selectors.current_address(b), selectors.records_held(b)),
        ],
        "merges": selectors.merges_of(pair=pair),
        "can_merge": _user(request).can("merge_people"),
    }
    return render(request, "duplicates/pair.html", context, status=status)


@requires("edit_people")
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_pair(request.user, pk)
    return _pair_page(request, found, DecisionForm(initial={"version": found.version}))


Decide = Callable[..., DuplicatePair]


def _decide(request: HttpRequest, pk: int, service: Decide, done: str) -> HttpResponse:
    found = access_pair(request.user, pk, action="view_for_decision")
    form = DecisionForm(posted(request))
    status = 400
    if form.is_valid():
        try:
            service(
                actor=_user(request),
                pair_id=pk,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("duplicates:pair", pk=pk)
    found.refresh_from_db()
    return _pair_page(request, found, form, status)


@requires("edit_people")
@require_POST
def not_same(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        services.pair_mark_not_same,
        "Marked as not the same person. Not proposed again",
    )


@requires("edit_people")
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request, pk, services.pair_propose_merge, "Merge proposed. A manager compares and merges"
    )


@requires("merge_people")
@one_time_create
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    pair = access_pair(request.user, pk, action="view_for_merge")
    a, b = pair.person_a, pair.person_b
    rows = selectors.comparison(a, b)
    form = MergeForm(posted(request), a=a, b=b, rows=rows)
    status = 200
    if form.is_bound and form.is_valid():
        keep = form.cleaned_data["keep"]
        survivor, merged = (a, b) if keep == "a" else (b, a)
        versions = {"a": form.cleaned_data["a_version"], "b": form.cleaned_data["b_version"]}
        try:
            done = services.person_merge(
                actor=_user(request),
                survivor_id=survivor.pk,
                merged_id=merged.pk,
                survivor_version=versions[keep],
                merged_version=versions["b" if keep == "a" else "a"],
                take=form.take(),
                reason=form.cleaned_data["reason"],
                pair=pair,
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Records merged. The merge can be undone from this page")
            return redirect("duplicates:merge_detail", pk=done.pk)
    if form.errors and status == 200:
        status = 400
    refusal = merge_refusal(request.user, a, b) or services.pair_refusal(pair)
    context = {"pair": pair, "form": form, "rows": rows, "refusal": refusal}
    return render(request, "duplicates/merge.html", context, status=status)


def _merge_page(
    request: HttpRequest, pk: int, form: UndoForm | None, status: int = 200
) -> HttpResponse:
    done = access_merge(request.user, pk)
    form = form or UndoForm(initial={"version": done.version})
    moved: dict[str, int] = {}
    for move in done.moves.all():
        moved[move.model] = moved.get(move.model, 0) + 1
    context = {
        "merge": done,
        "moved": sorted(moved.items()),
        "taken": sorted(done.taken),
        "form": form,
        "refusal": undo_refusal(done),
        "can_undo": _user(request).can("merge_people"),
    }
    return render(request, "duplicates/merge_detail.html", context, status=status)


@requires("edit_people")
def merge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _merge_page(request, pk, None)


@requires("merge_people")
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    access_merge(request.user, pk, action="view_for_undo")
    form = UndoForm(posted(request))
    if form.is_valid():
        try:
            services.merge_undo(
                actor=_user(request),
                merge_id=pk,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            return _merge_page(request, pk, form, STALE)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Merge undone. Every record it moved is back")
            return redirect("duplicates:merge_detail", pk=pk)
    return _merge_page(request, pk, form, 400)
