"""Publishing's rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff, platform_manager,
reviewer, administrator. Everyone reads what is published; an unpublished snapshot is a 404
to all but cluster staff and administrators, who alone freeze, restate, publish and write.
"""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from biocluster.core.tests.admin_matrix import admin_rows

EVERYONE = "200 200 200 200 200 200 200"
STAFF_SEE = "404 404 404 200 404 404 200"
STAFF_ONLY_PAGE = "302 403 403 200 403 403 200"
STAFF_WRITE = "302 403 403 302 403 403 302"

PAGES = {
    ("publishing:key_figures", None, "get"): EVERYONE,
    ("publishing:figure", "published_value", "get"): EVERYONE,
    ("publishing:figure", "draft_value", "get"): STAFF_SEE,
    ("publishing:report", "published", "get"): EVERYONE,
    ("publishing:report", "draft", "get"): STAFF_SEE,
    ("publishing:report_pdf", "published", "get"): EVERYONE,
    ("publishing:report_pdf", "draft", "get"): STAFF_SEE,
    ("publishing:snapshots", None, "get"): STAFF_ONLY_PAGE,
    ("publishing:snapshots", None, "post"): STAFF_WRITE,
    ("publishing:snapshot", "draft", "get"): STAFF_ONLY_PAGE,
    ("publishing:freeze", "freeze_job", "get"): STAFF_ONLY_PAGE,
    ("publishing:publish", "draft", "post"): STAFF_WRITE,
    ("publishing:restate", "draft_value", "get"): STAFF_ONLY_PAGE,
    ("publishing:restate", "draft_value", "post"): STAFF_WRITE,
    ("publishing:section_create", "draft", "get"): STAFF_ONLY_PAGE,
    ("publishing:section_create", "draft", "post"): STAFF_WRITE,
    ("publishing:section_edit", "section", "get"): STAFF_ONLY_PAGE,
    ("publishing:section_edit", "section", "post"): STAFF_WRITE,
    ("publishing:section_delete", "section", "post"): STAFF_WRITE,
    ("publishing:eccp", None, "get"): STAFF_ONLY_PAGE,
    ("publishing:eccp_json", None, "get"): STAFF_ONLY_PAGE,
    ("publishing:eccp_pdf", None, "get"): STAFF_ONLY_PAGE,
}

API = {
    ("/api/snapshots", None, "get"): EVERYONE,
    ("/api/snapshots/{year}", "published", "get"): EVERYONE,
    ("/api/snapshots/{year}", "draft", "get"): STAFF_SEE,
}

BODIES = {
    ("publishing:snapshots", "post"): {"year": 2020},
    ("publishing:restate", "post"): {"reason": "A company was entered late."},
    ("publishing:section_create", "post"): {
        "order": 1,
        "title_en": "Companies",
        "title_fr": "Entreprises",
        "codes": ["directory.companies_on_site"],
        "display": "figures",
    },
    ("publishing:section_edit", "post"): {
        "order": 2,
        "title_en": "Our companies",
        "title_fr": "Nos entreprises",
        "display": "table",
    },
}

ADMIN = (
    admin_rows("publishing.snapshot", "draft_snapshot")
    | admin_rows("publishing.restatement", "restatement")
    | admin_rows("publishing.section", "section", add=True, change=True, delete=True)
)


def _snapshot(year: int, *, published: bool):
    from biocluster.publishing.models import FrozenRecord, FrozenValue, Snapshot

    moment = datetime(year + 1, 2, 1, 9, tzinfo=UTC)
    snapshot = Snapshot.objects.create(
        year=year, frozen_at=moment, published_at=moment if published else None
    )
    value = FrozenValue.objects.create(
        snapshot=snapshot,
        code="directory.companies_on_site",
        version=1,
        name_en="Companies on site",
        name_fr="Entreprises sur site",
        unit="count",
        period_kind="at",
        end=date(year, 12, 31),
        value=5,  # the directory has none: a restatement finds 0
        provenance="computed",
        records_count=1,
        computed_at=moment,
        order=10,
    )
    FrozenRecord.objects.create(
        value=value, type="directory.organisation", object_id=1, label="Gone Bio", amount=1, url="/"
    )
    return snapshot, value


def world(request) -> dict:
    from biocluster.publishing.models import FreezeJob, Restatement, Section

    published, published_value = _snapshot(2023, published=True)
    draft, draft_value = _snapshot(2024, published=False)
    section = Section.objects.create(
        snapshot=draft, title_en="Figures", title_fr="Chiffres", codes=["directory.companies_on_site"]
    )
    restatement = Restatement.objects.create(
        value=published_value,
        decided_at=published.frozen_at,
        reason="Late entry",
        value_before=4,
        value_after=5,
        version_before=1,
        version_after=1,
    )
    freeze_job = FreezeJob.objects.create(year=2022, total_rows=10)  # queued: its progress page
    return {
        "published": SimpleNamespace(pk=2023),
        "freeze_job": freeze_job,
        "draft": SimpleNamespace(pk=2024),
        "draft_snapshot": draft,
        "published_value": published_value,
        "draft_value": draft_value,
        "section": section,
        "restatement": restatement,
    }
