"""A short session through the client openapi-python-client generated from the live schema
(scripts/api-client.sh): only its typed calls and models, no hand-made request.

    api_client_check.py <base url> <read-write token of an editor of Glasgow>

List my cities, read a draft assessment's records, update one with its revision, be refused
with 409 and the colleague's version on a stale revision, be told which field a
not-applicable without reason lacks, upload a file and download it with the token. Prints
what it did; exits 1 at the first answer that is not the one expected.
"""

import io
import sys
from http import HTTPStatus

from resilience_client import AuthenticatedClient
from resilience_client.api.cities import (
    cities_assessments_list,
    cities_assessments_records_files_create,
    cities_assessments_records_files_download_retrieve,
    cities_assessments_records_list,
    cities_assessments_records_partial_update,
    cities_list,
)
from resilience_client.models import (
    ActionStatusEnum,
    Error,
    NewFileRequest,
    PaginatedAssessmentList,
    PaginatedCityList,
    PaginatedRecordList,
    Record,
    RecordChangeRequest,
    Stale,
)
from resilience_client.types import File


def expect(condition: bool, what: str) -> None:
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    print(f"ok: {what}")


def main(base_url: str, token: str) -> None:
    client = AuthenticatedClient(base_url=base_url, token=token, prefix="Token")
    with client:
        cities = cities_list.sync(client=client)
        expect(isinstance(cities, PaginatedCityList), "list my cities")
        print("   ", ", ".join(f"{c.name} ({c.role})" for c in cities.results))
        city = next(c for c in cities.results if c.can_edit)

        assessments = cities_assessments_list.sync(city.slug, client=client)
        expect(isinstance(assessments, PaginatedAssessmentList), f"list {city.name}'s assessments")
        draft = next(a for a in assessments.results if a.status == "draft")

        records = cities_assessments_records_list.sync(
            city.slug, draft.id, client=client, page_size=200
        )
        expect(isinstance(records, PaginatedRecordList), f"read the records of “{draft.title}”")
        record = next(r for r in records.results if r.status != ActionStatusEnum.DONE)
        print(f"    {records.count} records; {record.code} is {record.status.value}")

        change = RecordChangeRequest(
            revision=record.revision,
            status=ActionStatusEnum.IN_PROGRESS,
            note="Checked through the generated client.",
        )
        saved = cities_assessments_records_partial_update.sync(
            city.slug, draft.id, record.code, client=client, body=change
        )
        expect(
            isinstance(saved, Record) and saved.revision == record.revision + 1,
            f"update {record.code} with revision {record.revision}",
        )
        print(f"    now {saved.status.value}, revision {saved.revision}")

        stale = cities_assessments_records_partial_update.sync_detailed(
            city.slug, draft.id, record.code, client=client,
            body=RecordChangeRequest(revision=record.revision, note="An older edit."),
        )  # fmt: skip
        expect(
            stale.status_code == HTTPStatus.CONFLICT
            and isinstance(stale.parsed, Stale)
            and stale.parsed.current.revision == saved.revision,
            f"409 with the record as saved when sending stale revision {record.revision}",
        )
        print(f"    {stale.parsed.code}: {stale.parsed.detail}")

        refused = cities_assessments_records_partial_update.sync_detailed(
            city.slug, draft.id, record.code, client=client,
            body=RecordChangeRequest(revision=saved.revision,
                                     status=ActionStatusEnum.NOT_APPLICABLE),
        )  # fmt: skip
        expect(
            refused.status_code == HTTPStatus.BAD_REQUEST
            and isinstance(refused.parsed, Error)
            and "na_reason" in refused.parsed.fields.additional_properties,
            "400 naming na_reason for not applicable without a reason",
        )

        payload = b"Minutes of the resilience board, checked through the generated client.\n"
        upload = cities_assessments_records_files_create.sync(
            city.slug, draft.id, record.code, client=client,
            body=NewFileRequest(file=File(payload=io.BytesIO(payload), file_name="minutes.txt",
                                          mime_type="text/plain")),
        )  # fmt: skip
        expect(isinstance(upload, Record) and len(upload.files) == 1, "upload a file")
        meta = upload.files[0]
        download = cities_assessments_records_files_download_retrieve.sync_detailed(
            city.slug, draft.id, record.code, meta.id, client=client
        )
        expect(
            download.status_code == HTTPStatus.OK and download.content == payload,
            f"download {meta.name} with the token ({meta.download_url})",
        )


if __name__ == "__main__":
    main(*sys.argv[1:3])
