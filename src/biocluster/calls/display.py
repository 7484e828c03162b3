"""A proposal's answers as a reader sees them: labels in the reader's language, people,
organisations and choices by name, budgets as lines with their total."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from biocluster.directory.models import Organisation, Person

from .formdef.answers import budget_total
from .formdef.schema import fields_of


def label(item: dict, name: str = "label") -> str:
    language = (get_language() or "en")[:2]
    other = "en" if language == "fr" else "fr"
    return item.get(f"{name}_{language}") or item.get(f"{name}_{other}") or ""


@dataclass
class Shown:
    key: str
    type: str
    label: str
    text: str = ""
    rows: list = field(default_factory=list)  # budget lines: (category, description, amount)
    total: str = ""
    attachment_id: int | None = None


@dataclass
class ShownSection:
    title: str
    items: list[Shown]


def shown_answers(proposal) -> list[ShownSection]:
    definition = proposal.call.form_definition
    answers = proposal.answers or {}
    people_ids = {answers.get(f["key"]) for f in fields_of(definition) if f["type"] == "person"}
    org_ids = {answers.get(f["key"]) for f in fields_of(definition) if f["type"] == "organisation"}
    people = {
        p.pk: str(p) for p in Person.objects.filter(pk__in=[i for i in people_ids if isinstance(i, int)])
    }
    orgs = dict(
        Organisation.objects.filter(pk__in=[i for i in org_ids if isinstance(i, int)]).values_list(
            "pk", "name"
        )
    )
    files = {a.field_key: a for a in proposal.attachments.all()}
    sections = []
    for section in definition.get("sections", []):
        items = []
        for f in section["fields"]:
            value = answers.get(f["key"])
            item = Shown(f["key"], f["type"], label(f))
            if f["type"] == "choice":
                names = {c["value"]: label(c) for c in f["choices"]}
                values = value if isinstance(value, list) else [value] if value else []
                item.text = ", ".join(names.get(v, v) for v in values)
            elif f["type"] == "person":
                item.text = people.get(value, "")
            elif f["type"] == "organisation":
                item.text = orgs.get(value, "")
            elif f["type"] == "budget":
                names = {c["value"]: label(c) for c in f["categories"]}
                item.rows = [
                    (names.get(r["category"], r["category"]), r["description"], r["amount"])
                    for r in value or []
                ]
                item.total = str(budget_total(value)) if value else ""
            elif f["type"] == "file":
                attachment = files.get(f["key"])
                if attachment is not None:
                    item.text, item.attachment_id = attachment.original_name, attachment.pk
            else:
                item.text = "" if value is None else str(value)
            items.append(item)
        sections.append(ShownSection(label(section, "title"), items))
    return sections


def anonymous_feedback(proposal) -> list[str]:
    """What the reviewers wrote to the applicant, without names, in a fixed but meaningless order."""
    from .models import ReviewStatus

    comments = [
        text
        for text in proposal.reviews.filter(status=ReviewStatus.SUBMITTED).values_list(
            "comment_to_applicant", flat=True
        )
        if text
    ]
    return sorted(comments)
