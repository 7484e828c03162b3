"""The directory's rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator.
"""

from django.core.files.base import ContentFile

from biocluster.core.tests.admin_matrix import admin_rows
from biocluster.directory.models import ExportJob, ImportJob
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    CampusFactory,
    LinkFactory,
    OrganisationFactory,
    PersonFactory,
)

PAGES = {
    ("directory:organisation_list", None, "get"): "200 200 200 200 200 200 200",
    ("directory:organisation_manage", None, "get"): "302 403 403 200 403 403 200",
    ("directory:organisation_create", None, "get"): "302 403 403 200 403 403 200",
    ("directory:organisation_detail", "listed", "get"): "200 200 200 200 200 200 200",
    ("directory:organisation_detail", "unlisted", "get"): "404 200 200 200 404 404 200",
    ("directory:organisation_edit", "listed", "get"): "302 403 403 200 403 403 200",
    ("directory:organisation_edit", "unlisted", "get"): "302 403 200 200 404 404 200",
    ("directory:organisation_delete", "listed", "post"): "302 403 403 302 403 403 302",
    ("directory:organisation_delete", "unlisted", "post"): "302 403 403 302 404 404 302",
    ("directory:link_create", "unlisted", "get"): "302 403 200 200 404 404 200",
    ("directory:link_delete", "link", "post"): "302 403 302 302 404 404 302",
    ("directory:person_list", None, "get"): "200 200 200 200 200 200 200",
    ("directory:person_detail", "public_person", "get"): "200 200 200 200 200 200 200",
    ("directory:person_detail", "private_person", "get"): "404 200 200 200 404 404 200",
    ("directory:network", None, "get"): "200 200 200 200 200 200 200",
    ("directory:network_data", None, "get"): "200 200 200 200 200 200 200",
    ("directory:organisation_choices", None, "get"): "200 200 200 200 200 200 200",
    ("directory:person_choices", None, "get"): "200 200 200 200 200 200 200",
    ("directory:my_consents", None, "get"): "302 200 200 200 200 200 200",
    ("directory:import_upload", None, "get"): "302 403 403 200 403 403 200",
    ("directory:link_import_upload", None, "get"): "302 403 403 200 403 403 200",
    ("directory:link_import_upload", None, "post"): "302 403 403 400 403 403 400",
    ("directory:import_detail", "link_import_job", "get"): "302 403 403 200 403 403 200",
    ("directory:import_apply", "link_import_job", "post"): "302 403 403 400 403 403 400",
    ("directory:import_template", None, "get"): "302 403 403 200 403 403 200",
    ("directory:import_detail", "import_job", "get"): "302 403 403 200 403 403 200",
    ("directory:import_progress", "import_job", "get"): "302 403 403 302 403 403 302",
    ("directory:import_errors", "import_job", "get"): "302 403 403 400 403 403 400",
    ("directory:import_check", "import_job", "post"): "302 403 403 400 403 403 400",
    ("directory:import_replace_file", "import_job", "post"): "302 403 403 400 403 403 400",
    ("directory:import_apply", "import_job", "post"): "302 403 403 400 403 403 400",
    ("directory:export_csv", None, "get"): "302 403 403 200 403 403 200",
    ("directory:export_xlsx", None, "post"): "302 403 403 302 403 403 302",
    ("directory:export_detail", "export_job", "get"): "302 403 403 200 403 403 200",
    ("directory:export_restart", "export_job", "post"): "302 403 403 302 403 403 302",
    ("directory:export_progress", "export_job", "get"): "302 403 403 302 403 403 302",
    ("directory:export_download", "export_job", "get"): "302 403 403 200 403 403 200",
}

API = {
    ("/api/organisations", None, "get"): "200 200 200 200 200 200 200",
    ("/api/organisations", None, "post"): "401 403 403 201 403 403 201",
    ("/api/organisations/facets", None, "get"): "200 200 200 200 200 200 200",
    ("/api/organisations/{pk}", "listed", "get"): "200 200 200 200 200 200 200",
    ("/api/organisations/{pk}", "unlisted", "get"): "404 200 200 200 404 404 200",
    ("/api/organisations/{pk}", "unlisted", "patch"): "401 403 200 200 404 404 200",
    ("/api/organisations/{pk}", "spare", "delete"): "401 403 403 204 403 403 204",
    ("/api/organisations/{pk}/links", "unlisted", "get"): "404 200 200 200 404 404 200",
    ("/api/organisations/{pk}/site-arrival", "listed", "post"): "401 403 403 200 403 403 200",
    # Not on site: cluster staff pass the permission and meet the rule (422).
    ("/api/organisations/{pk}/site-departure", "listed", "post"): "401 403 403 422 403 403 422",
    # Unlisted "Member Bio" is not visible to platform managers and reviewers: no such organisation (422).
    ("/api/links", None, "post"): "401 403 201 201 422 422 201",
    ("/api/people", None, "get"): "200 200 200 200 200 200 200",
    ("/api/people/{pk}", "public_person", "get"): "200 200 200 200 200 200 200",
    ("/api/people/{pk}", "private_person", "get"): "404 200 200 200 404 404 200",
    ("/api/technology-fields", None, "get"): "200 200 200 200 200 200 200",
    ("/api/value-chain-stages", None, "get"): "200 200 200 200 200 200 200",
    ("/api/campuses", None, "get"): "200 200 200 200 200 200 200",
    ("/api/network", None, "get"): "200 200 200 200 200 200 200",
}

BODIES = {
    ("/api/organisations/{pk}/site-arrival", "post"): {"on_site_since": "2020-01-06"},
    ("/api/organisations/{pk}/site-departure", "post"): {
        "left_site_on": "2021-01-04",
        "left_site_reason": "x",
    },
    ("/api/organisations", "post"): {"name": "New Bio", "kind": "startup"},
    ("/api/organisations/{pk}", "patch"): {"acronym": "NB"},
    ("/api/links", "post"): {
        "subject": {"name": "Member Bio", "country": "FR"},
        "kind": "client_of",
        "object": {"name": "Listed Bio", "country": "FR"},
    },
}


def world(request) -> dict:
    member_organisation = request.getfixturevalue("member_organisation")
    listed = OrganisationFactory(name="Listed Bio", is_listed=True)
    public_person = PersonFactory(public_consent=True)
    AffiliationFactory(person=public_person, organisation=listed)
    private_person = PersonFactory(public_consent=False)
    AffiliationFactory(person=private_person, organisation=member_organisation)
    link = LinkFactory(subject=member_organisation, object=listed)
    spare = OrganisationFactory(name="Spare Bio", is_listed=True)
    import_job = ImportJob.objects.create(
        created_by=request.getfixturevalue("staff_user"),
        file=ContentFile(b"name,kind\nAlpha,startup\n", name="alpha.csv"),
        original_name="alpha.csv",
        format="csv",
    )
    link_import_job = ImportJob.objects.create(
        kind="links",
        created_by=request.getfixturevalue("staff_user"),
        file=ContentFile(b"source,target,kind\nAlpha,Beta,partner_of\n", name="links.csv"),
        original_name="links.csv",
        format="csv",
    )
    export_job = ExportJob.objects.create(
        created_by=request.getfixturevalue("staff_user"),
        status="done",
        total_rows=1,
        file=ContentFile(b"PK", name="directory.xlsx"),
    )
    return {
        "export_job": export_job,
        "listed": listed,
        "unlisted": member_organisation,
        "public_person": public_person,
        "private_person": private_person,
        "link": link,
        "spare": spare,
        "import_job": import_job,
        "link_import_job": link_import_job,
    }


# The Django admin (see core/tests/admin_matrix.py): organisations, people and links are
# written through the directory's services; the reference lists are shown only.
ADMIN = (
    admin_rows("directory.organisation", "listed", add=True, change=True, delete=True)
    | admin_rows("directory.person", "public_person", add=True, change=True)
    | admin_rows("directory.organisationlink", "link", add=True, delete=True)
    | admin_rows("directory.technologyfield")
    | admin_rows("directory.valuechainstage")
    | admin_rows("directory.campus")
    | admin_rows("directory.tag")
)
ADMIN_OBJECTS = {
    "directory.campus": lambda world: CampusFactory(),
    "directory.tag": lambda world: world["listed"].tags.create(name="Bioproduction"),
}
