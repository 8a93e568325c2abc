"""The partner API, version 1 (django-ninja: the OpenAPI 3.1 description is made from these
functions and the schemas). Every operation: token → scope → gate or selector → service."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, NinjaAPI, Path, Router, Status

from frontdoor.intake.models import Contact
from frontdoor.police.encompass import encompass_notice_record
from frontdoor.police.importer import police_notifications_import_rows
from frontdoor.police.models import EncompassMethod, EncompassNotice
from frontdoor.screening.models import InformationRequest
from frontdoor.screening.services.information import information_request_answer

from . import selectors
from .access import (
    access_api_encompass_notice,
    access_api_information_request,
    access_api_submission,
)
from .auth import TokenAuth, audited, caller
from .models import Scope
from .problems import install
from .schemas import (
    AcknowledgementIn,
    AnswerIn,
    ConcernIn,
    ConcernOut,
    EncompassNoticeOut,
    InformationRequestOut,
    PoliceImportOut,
    PoliceNotificationsIn,
    Problem,
)
from .services import ChildDetails, api_concern_submit, api_outcome_share

MAX_ID = 2**31 - 1
REFUSALS: dict[int, Any] = {401: Problem, 403: Problem, 429: Problem}
WITH_ID: dict[int, Any] = {**REFUSALS, 404: Problem, 422: Problem}


class FrontDoorAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Errors are `application/problem+json` (RFC 9457); ninja would call them JSON."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    if int(status) >= 400 and "application/json" in answer.get("content", {}):
                        answer["content"] = {
                            "application/problem+json": answer["content"]["application/json"]
                        }
        return schema


api = FrontDoorAPI(
    title="Front Door partner API",
    version="1",
    description=(
        "For partner agencies' systems: submit concerns and police notifications, read the "
        "status and outcome of your own submissions, acknowledge Operation Encompass notices and "
        "answer information requests. Authenticate with your organisation's API token "
        "(`Authorization: Bearer fd_…`). Errors are RFC 9457 problem details."
    ),
    urls_namespace="api",
    docs_url=None,
)
install(api)
router = Router(auth=TokenAuth())
router.add_decorator(audited, mode="view")


def _concern_out(contact: Contact) -> dict[str, Any]:
    submission = getattr(contact, "api_submission", None)
    if submission is not None:
        children = submission.children
    else:  # submitted on the web form by a person of the organisation's service account
        first, _, last = contact.partner_child_details.get("name", "").partition(" ")
        children = [
            {
                "first_name": first,
                "last_name": last,
                "date_of_birth": contact.partner_child_details.get("date_of_birth"),
            }
        ]
    return {
        "id": contact.pk,
        "reference": f"FD-{contact.pk}",
        "received_at": contact.received_at,
        "status": contact.status,
        "status_label": contact.get_status_display(),
        "outcome": contact.outcome_summary or None,
        "children": children,
    }


@router.post(
    "/concerns",
    response={201: ConcernOut, 200: ConcernOut, **REFUSALS, 422: Problem},
    url_name="concerns",
    summary="Submit a concern about one or more children",
)
def concern_submit(
    request: HttpRequest,
    payload: ConcernIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=64),
) -> Status[dict[str, Any]]:
    """The multi-agency referral form's content. Send an `Idempotency-Key` (any unique text up to
    64 characters) so a retry after a lost answer makes nothing new: the same key returns the
    first submission with status 200."""
    user, token = caller(request, Scope.CONCERNS)
    submission, created = api_concern_submit(
        actor=user,
        token=token,
        children=[ChildDetails(**child.dict()) for child in payload.children],
        concerns=payload.concerns,
        categories=[str(c) for c in payload.categories],
        parents_aware=payload.parents_aware,
        referrer_name=payload.referrer.name,
        referrer_role=payload.referrer.role,
        referrer_phone=payload.referrer.phone,
        referrer_email=payload.referrer.email,
        idempotency_key=idempotency_key,
    )
    return Status(201 if created else 200, _concern_out(submission.contact))


@router.get(
    "/concerns",
    response={200: list[ConcernOut], **REFUSALS},
    summary="Your organisation's concerns, newest first (at most 200)",
)
def concern_list(request: HttpRequest) -> Status[list[dict[str, Any]]]:
    user, _token = caller(request, Scope.CONCERNS)
    return Status(200, [_concern_out(c) for c in selectors.api_submissions(user=user)])


@router.get(
    "/concerns/{concern_id}",
    response={200: ConcernOut, **WITH_ID},
    url_name="concern",
    summary="The status and outcome of one of your organisation's concerns",
)
def concern_detail(
    request: HttpRequest, concern_id: int = Path(..., ge=1, le=MAX_ID)
) -> Status[dict[str, Any]]:
    """Reading a decided concern's outcome is recorded as a share of information about each child
    with your organisation (the information-sharing record)."""
    user, token = caller(request, Scope.CONCERNS)
    contact = access_api_submission(user, concern_id)
    api_outcome_share(actor=user, token=token, contact=contact)
    return Status(200, _concern_out(contact))


@router.post(
    "/police-notifications",
    response={200: PoliceImportOut, **REFUSALS, 422: Problem},
    url_name="police_notifications",
    summary="Submit police notifications (the daily file's rows as JSON)",
)
def police_notifications(
    request: HttpRequest, notifications: PoliceNotificationsIn
) -> Status[dict[str, Any]]:
    """One row per child; rows of one notification share its police reference and come together.
    The same rules and idempotency as the file import: a notification already in Front Door is
    never added twice, and a notification with a bad row is left out whole, its rows listed in
    `errors` with a reason. Send the corrected rows again: only what was missing is added."""
    user, token = caller(request, Scope.POLICE_NOTIFICATIONS)
    record = police_notifications_import_rows(
        actor=user,
        rows=[row.dict() for row in notifications.rows],
        source=f"API: {token.organisation.name} ({token.prefix})",
    )
    return Status(
        200,
        {
            "import_id": record.pk,
            "rows_read": record.rows_read,
            "notifications_added": record.notifications_added,
            "children_added": record.children_added,
            "rows_already_imported": record.rows_already_imported,
            "errors": [
                {"row": e["row"], "reference": e.get("reference", ""), "reason": e["reason"]}
                for e in record.errors
            ],
        },
    )


def _notice_out(notice: EncompassNotice) -> dict[str, Any]:
    child = notice.child
    return {
        "id": notice.pk,
        "child": {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": child.date_of_birth,
        },
        "incident_date": timezone.localdate(child.notification.incident_at),
        "recipient": notice.recipient,
        "recipient_label": notice.get_recipient_display(),
        "organisation": notice.organisation,
        "due_at": notice.due_at,
        "acknowledged_at": notice.notified_at,
    }


@router.get(
    "/encompass-notices",
    response={200: list[EncompassNoticeOut], **REFUSALS},
    url_name="encompass_notices",
    summary="Operation Encompass notices for your organisation not yet acknowledged",
)
def encompass_notices(request: HttpRequest) -> Status[list[dict[str, Any]]]:
    """Most urgent first. A notice about a child whose record is sealed is not listed: the MASH
    tells you by phone."""
    user, _token = caller(request, Scope.ENCOMPASS)
    return Status(200, [_notice_out(n) for n in selectors.encompass_notices_for(user=user)])


@router.post(
    "/encompass-notices/{notice_id}/acknowledgement",
    response={200: EncompassNoticeOut, **WITH_ID},
    url_name="encompass_acknowledge",
    summary="Acknowledge an Operation Encompass notice",
)
def encompass_acknowledge(
    request: HttpRequest,
    acknowledgement: AcknowledgementIn,
    notice_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status[dict[str, Any]]:
    """Records that your organisation has been told (now, through the secure portal)."""
    user, _token = caller(request, Scope.ENCOMPASS)
    notice = access_api_encompass_notice(user, notice_id, action="acknowledge")
    notice = encompass_notice_record(
        actor=user,
        notice=notice,
        told_name=acknowledgement.received_by,
        method=EncompassMethod.PORTAL,
        notified_at=timezone.now(),
        note=acknowledgement.note,
    )
    return Status(200, _notice_out(notice))


def _request_out(info: InformationRequest) -> dict[str, Any]:
    person = info.screening.person
    return {
        "id": info.pk,
        "child": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_of_birth": person.date_of_birth,
        }
        if person.date_of_birth
        else None,
        "question": info.question,
        "sent_at": info.sent_at,
        "due_at": info.due_at,
        "answered_at": info.received_at,
    }


@router.get(
    "/information-requests",
    response={200: list[InformationRequestOut], **REFUSALS},
    url_name="information_requests",
    summary="Information requests to your agency not yet answered",
)
def information_requests(request: HttpRequest) -> Status[list[dict[str, Any]]]:
    """Soonest due first. A request about a child whose record is sealed is not listed: the MASH
    asks you by phone."""
    user, _token = caller(request, Scope.INFORMATION_REQUESTS)
    return Status(200, [_request_out(r) for r in selectors.information_requests_for(user=user)])


@router.post(
    "/information-requests/{information_request_id}/answer",
    response={200: InformationRequestOut, **WITH_ID},
    url_name="information_answer",
    summary="Answer an information request",
)
def information_answer(
    request: HttpRequest,
    answer: AnswerIn,
    information_request_id: int = Path(..., ge=1, le=MAX_ID),
) -> Status[dict[str, Any]]:
    user, _token = caller(request, Scope.INFORMATION_REQUESTS)
    info = access_api_information_request(user, information_request_id, action="answer")
    info = information_request_answer(
        actor=user, request=info, answered_by=answer.answered_by, shared=answer.shared
    )
    return Status(200, _request_out(info))


api.add_router("", router)
