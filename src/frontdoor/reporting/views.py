"""The performance dashboard, its drill-downs and figure downloads, and the statutory returns."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.calendar import local_date

from . import selectors
from .charts import line_chart
from .exports import audit_export, csv_response, xlsx_response, xml_response
from .figures import Figure
from .forms import AnnexAForm, CensusForm, current_census_year
from .periods import Period, PeriodForm
from .returns import service
from .returns.annex_a import six_months_to
from .returns.annex_a_checks import ANNEX_A_CHECKS, annex_a_end
from .returns.census import collection_year
from .returns.health import named
from .returns.health import return_health as return_health_report
from .returns.rules import REGISTRY, rules_for

DRILL_LIMIT = 500


def _period(request: HttpRequest) -> tuple[Period, PeriodForm]:
    form = PeriodForm(request.GET, today=local_date(timezone.now()), teams=selectors.team_choices())
    return form.period(), form


@requires("view_reports")
def dashboard(request: HttpRequest) -> HttpResponse:
    period, form = _period(request)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "period": period,
            "team": dict(selectors.team_choices()).get(period.team_id) if period.team_id else "",
            "areas": selectors.dashboard(period),
        },
    )


def _figure(request: HttpRequest, key: str) -> tuple[Figure, Period]:
    period, _form = _period(request)
    figure = selectors.figure(key, period)
    if figure is None:
        raise Http404("No such figure")
    return figure, period


def _user(request: HttpRequest) -> User:
    # `@requires` has refused anonymous users before any view body runs.
    assert isinstance(request.user, User)
    return request.user


@requires("view_reports")
def drilldown(request: HttpRequest, key: str, row: str) -> HttpResponse:
    """The children behind one figure row: sealed ones the user may not see as "Restricted record",
    none for a role that opens no records; one audit row lists the children named."""
    figure, period = _figure(request, key)
    chosen = figure.row(row)
    if chosen is None:
        raise Http404("No such row")
    listed = selectors.children_behind(_user(request), chosen.people, limit=DRILL_LIMIT)
    audit_list_view(
        actor=request.user,
        record_type="dashboard_drilldown",
        person_ids=listed.named,
        detail={
            "figure": f"{key}/{row}",
            "period": period.query(),
            "children": chosen.children,
            "restricted": len(listed.hidden),
        },
    )
    context = {"figure": figure, "row": chosen, "listed": listed, "period": period}
    return render(request, "reporting/drilldown.html", {**context, "limit": DRILL_LIMIT})


@requires("view_reports")  # type: ignore[arg-type]  # streams and files are responses too
def figure_csv(request: HttpRequest, key: str) -> HttpResponseBase:
    figure, period = _figure(request, key)
    audit_export(
        actor=_user(request),
        what="dashboard_figure",
        record_id=key,
        children=len(figure.people),
        detail={"period": period.query()},
    )
    rows: list[list[object]] = [
        [figure.title, f"{period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}"],
        ["Row", figure.value_label, "Children"],
    ]
    rows += [[r.label, r.value, r.children] for r in figure.rows]
    return csv_response(rows, f"{key}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv")


@requires("export_returns")
def returns(request: HttpRequest) -> HttpResponse:
    today = local_date(timezone.now())
    return render(
        request,
        "reporting/returns.html",
        {"census_form": CensusForm(today=today), "annex_form": AnnexAForm()},
    )


@requires("export_returns")
def census_check(request: HttpRequest) -> HttpResponse:
    """Run the pre-submission checks and list each failure with a link to the record to fix."""
    form = CensusForm(request.GET, today=local_date(timezone.now()))
    if not form.is_valid():
        return render(
            request, "reporting/returns.html", {"census_form": form, "annex_form": AnnexAForm()}
        )
    year = form.cleaned_data["year"]
    failures = selectors.census_failures(year)
    hidden = selectors.failure_restrictions(_user(request), failures)
    failed = {f.person_id for f in failures if f.person_id}
    errors = [f for f in failures if not f.is_query]
    audit_list_view(
        actor=request.user,
        record_type="census_checks",
        person_ids=failed - hidden,
        detail={"year": year, "restricted": len(hidden)},
    )
    start, ref = collection_year(year)
    context = {"year": year, "start": start, "ref": ref, "failures": failures, "hidden": hidden}
    return render(
        request,
        "reporting/census_check.html",
        {
            **context,
            "children": selectors.census_size(year),
            "rules": {r.code: r.message for r in rules_for(year)},
            "failed_children": len({f.person_id for f in errors if f.person_id}),
            "errors": errors,
            "queries": [f for f in failures if f.is_query],
        },
    )


@requires("export_returns")  # type: ignore[arg-type]  # streams and files are responses too
@require_POST
def census_download(request: HttpRequest) -> HttpResponseBase:
    today = local_date(timezone.now())
    form = CensusForm(request.POST, today=today)
    if not form.is_valid():
        return render(
            request,
            "reporting/returns.html",
            {"census_form": form, "annex_form": AnnexAForm()},
            status=400,
        )
    year = form.cleaned_data["year"]
    chunks = service.census_export(actor=_user(request), year=year, now=timezone.now())
    return xml_response(chunks, f"CIN_census_{settings.LA_CODE}_{year}.xml")


@requires("export_returns")  # type: ignore[arg-type]  # streams and files are responses too
@require_POST
def annex_a_download(request: HttpRequest) -> HttpResponseBase:
    form = AnnexAForm(request.POST)
    if not form.is_valid():
        today = local_date(timezone.now())
        return render(
            request,
            "reporting/returns.html",
            {"census_form": CensusForm(today=today), "annex_form": form},
            status=400,
        )
    end = form.cleaned_data["end"]
    return xlsx_response(
        lambda path: service.annex_a_export(actor=_user(request), end=end, path=path),
        f"Annex_A_{settings.LA_CODE}_{end:%Y%m%d}.xlsx",
    )


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@requires("view_reports")
def return_health(request: HttpRequest) -> HttpResponse:
    """Today's census and Annex A problems for a collection year by rule (Annex A's by list and
    check), team and worker, with the 12-week trend, read from the stored check results; each
    problem says what to fix (with a link for those who may open the child's record)."""
    today = local_date(timezone.now())
    form = CensusForm(request.GET or None, today=today)
    year = form.cleaned_data["year"] if form.is_valid() else current_census_year(today)
    rule = request.GET.get("rule", "")
    rule = rule if rule in REGISTRY or rule in ANNEX_A_CHECKS else ""
    team_arg = request.GET.get("team")
    team = 0 if team_arg == "none" else _int_or_none(team_arg)
    worker = _int_or_none(request.GET.get("worker"))
    user = _user(request)
    report = return_health_report(user, year, today=today, rule=rule, team=team, worker=worker)
    shown = {p.person_id for p in report.problems if p.person_id}
    audit_list_view(
        actor=user,
        record_type="return_health",
        person_ids=shown - report.hidden,
        detail={
            "year": year,
            "filter": {"rule": rule, "team": team, "worker": worker},
            "restricted": len(shown & report.hidden),
        },
    )
    points = [(label, n) for label, n in report.trend if n is not None]
    start, ref = collection_year(year)
    checked = local_date(report.run.started_at) if report.run else today
    annex_start, annex_end = six_months_to(annex_a_end(year, checked))
    return render(
        request,
        "reporting/return_health.html",
        {
            "form": form,
            "report": report,
            "rows": named(report),
            "start": start,
            "ref": ref,
            "annex_start": annex_start,
            "annex_end": annex_end,
            "chart": line_chart(points, title="Census and Annex A problems by week")
            if points
            else "",
            "filtered": bool(rule or team is not None or worker),
            "rule": rule,
            "opens_records": user.can("view_people"),
        },
    )
