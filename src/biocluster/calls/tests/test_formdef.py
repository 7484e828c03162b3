"""The form definition's validation, the answers' validation and the upload checks (pure)."""

import pytest

from biocluster.calls.formdef.answers import AnswerErrors, clean_answers
from biocluster.calls.formdef.schema import DefinitionError, clean_definition
from biocluster.calls.tests.factories import FORM
from biocluster.core.uploads import check_upload


class Resolver:
    def __init__(self, people=(), organisations=(), attachments=None):
        self._people, self._organisations = set(people), set(organisations)
        self._attachments = attachments or {}

    def people(self, ids):
        return ids & self._people

    def organisations(self, ids, kinds):
        return ids & self._organisations

    def attachments(self):
        return self._attachments


def errors(definition) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        clean_definition(definition)
    return caught.value.errors


def test_a_valid_definition_gets_its_defaults():
    clean = clean_definition(FORM)
    abstract = clean["sections"][0]["fields"][0]
    assert abstract["required"] is True
    assert abstract["help_en"] == ""
    assert clean["sections"][1]["fields"][1]["extensions"] == ["pdf"]


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        ([], "The form must be an object"),
        ({"sections": "x"}, "form.sections: must be a list"),
        ({"sections": [], "extra": 1}, "form.extra: is not a known property"),
        ({"sections": [{"key": "Bad Key", "title_en": "a", "title_fr": "b"}]}, "sections[0].key"),
        ({"sections": [{"key": "s", "title_en": "a"}]}, "sections[0].title_fr: is required"),
        (
            {
                "sections": [
                    {"key": "s", "title_en": "a", "title_fr": "b", "fields": [{"key": "f", "type": "video"}]}
                ]
            },
            "sections[0].fields[0].type: must be one of",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s",
                        "title_en": "a",
                        "title_fr": "b",
                        "fields": [
                            {
                                "key": "f",
                                "type": "text",
                                "label_en": "A",
                                "label_fr": "B",
                                "max_length": 10**9,
                            }
                        ],
                    }
                ]
            },
            "sections[0].fields[0].max_length: must be a whole number from 1 to 20000",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s",
                        "title_en": "a",
                        "title_fr": "b",
                        "fields": [
                            {
                                "key": "f",
                                "type": "file",
                                "label_en": "A",
                                "label_fr": "B",
                                "extensions": ["exe"],
                            },
                        ],
                    }
                ]
            },
            "sections[0].fields[0].extensions: must be a list among",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s",
                        "title_en": "a",
                        "title_fr": "b",
                        "fields": [
                            {
                                "key": "f",
                                "type": "file",
                                "label_en": "A",
                                "label_fr": "B",
                                "max_size_mb": 500,
                            },
                        ],
                    }
                ]
            },
            "max_size_mb: must be more than 0 and at most 25",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s",
                        "title_en": "a",
                        "title_fr": "b",
                        "fields": [
                            {"key": "f", "type": "text", "label_en": "A", "label_fr": "B"},
                            {"key": "f", "type": "number", "label_en": "A", "label_fr": "B"},
                        ],
                    }
                ]
            },
            "sections[0].fields[1].key: repeats f",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s",
                        "title_en": "a",
                        "title_fr": "b",
                        "fields": [
                            {"key": "f", "type": "choice", "label_en": "A", "label_fr": "B", "choices": []}
                        ],
                    }
                ]
            },
            "choices: must be a list of 1 to 100 options",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s",
                        "title_en": "a",
                        "title_fr": "b",
                        "fields": [{"key": "f", "type": "text", "label_en": "A\x00", "label_fr": "B"}],
                    }
                ]
            },
            "must not contain NUL characters",
        ),
    ],
)
def test_malformed_definitions_are_refused_with_where_and_why(definition, expected):
    assert any(expected in error for error in errors(definition)), errors(definition)


def test_every_problem_is_listed_at_once():
    found = errors(
        {"sections": [{"key": "1", "title_en": "", "title_fr": "", "fields": [{"key": "x", "type": "?"}]}]}
    )
    assert len(found) >= 4


DEFINITION = clean_definition(FORM)


def test_answers_are_cleaned_and_typed():
    cleaned = clean_answers(
        DEFINITION,
        {
            "abstract": "  We will sequence.  ",
            "duration": "12",
            "theme": "genomics",
            "start": "2026-09-01",
            "budget": [{"category": "equipment", "description": "Sequencer", "amount": "1200.5"}],
        },
        complete=True,
        resolver=Resolver(attachments={"quote": 7}),
    )
    assert cleaned == {
        "abstract": "We will sequence.",
        "duration": "12",
        "theme": "genomics",
        "start": "2026-09-01",
        "budget": [{"category": "equipment", "description": "Sequencer", "amount": "1200.50"}],
        "quote": 7,
    }


def test_a_tampered_field_name_is_an_error_not_dropped():
    with pytest.raises(AnswerErrors) as caught:
        clean_answers(DEFINITION, {"abstract": "ok", "is_funded": "yes"}, complete=False, resolver=Resolver())
    assert caught.value.errors == {"is_funded": ["This is not a field of the form."]}


@pytest.mark.parametrize(
    ("answers", "key", "message"),
    [
        ({"abstract": "x" * 501}, "abstract", "At most 500 characters"),
        ({"duration": "40"}, "duration", "At most 36"),
        ({"duration": "1.5"}, "duration", "decimal places"),
        ({"theme": "astrology"}, "theme", "Choose among"),
        ({"start": "01/09/2026"}, "start", "YYYY-MM-DD"),
        (
            {"budget": [{"category": "travel", "description": "", "amount": "1"}]},
            "budget",
            "choose a category",
        ),
        ({"budget": [{"category": "staff", "description": "", "amount": "-1"}]}, "budget", "zero or more"),
        ({"budget": [{"category": "staff", "amount": "1"}] * 4}, "budget", "At most 3 budget lines"),
        ({"quote": 99}, "quote", "Upload the file"),
    ],
)
def test_bad_answers_name_their_field(answers, key, message):
    with pytest.raises(AnswerErrors) as caught:
        clean_answers(DEFINITION, answers, complete=False, resolver=Resolver())
    assert message in " ".join(caught.value.errors[key])


def test_required_fields_only_count_at_submission():
    assert clean_answers(DEFINITION, {}, complete=False, resolver=Resolver()) == {}
    with pytest.raises(AnswerErrors) as caught:
        clean_answers(DEFINITION, {}, complete=True, resolver=Resolver())
    assert caught.value.errors == {"abstract": ["This field is required."]}


def test_people_and_organisations_must_exist_for_the_applicant():
    definition = clean_definition(
        {
            "sections": [
                {
                    "key": "s",
                    "title_en": "S",
                    "title_fr": "S",
                    "fields": [
                        {"key": "lead", "type": "person", "label_en": "Lead", "label_fr": "Porteur"},
                        {
                            "key": "lab",
                            "type": "organisation",
                            "label_en": "Lab",
                            "label_fr": "Labo",
                            "kinds": ["research_lab"],
                        },
                    ],
                }
            ]
        }
    )
    resolver = Resolver(people={1}, organisations={5})
    assert clean_answers(definition, {"lead": 1, "lab": "5"}, complete=True, resolver=resolver) == {
        "lead": 1,
        "lab": 5,
    }
    with pytest.raises(AnswerErrors) as caught:
        clean_answers(definition, {"lead": 2, "lab": True}, complete=True, resolver=resolver)
    assert set(caught.value.errors) == {"lead", "lab"}


PDF_FIELD = {"extensions": ["pdf"], "max_size_mb": 1}


def test_a_real_pdf_passes():
    assert check_upload(PDF_FIELD, name="quote.pdf", size=1000, head=b"%PDF-1.7\n...") == []


def test_a_renamed_file_is_the_wrong_type():
    problems = check_upload(PDF_FIELD, name="quote.pdf", size=1000, head=b"MZ\x90\x00")
    assert problems == ["quote.pdf does not contain what its extension says (.pdf)."]


def test_a_wrong_extension_is_refused():
    problems = check_upload(PDF_FIELD, name="run.exe", size=10, head=b"MZ")
    assert "run.exe is not an accepted type; accepted: pdf." in problems


def test_an_oversized_file_is_refused():
    problems = check_upload(PDF_FIELD, name="big.pdf", size=3 * 1024 * 1024, head=b"%PDF-")
    assert problems == ["big.pdf is 3.0 MB; the limit is 1 MB."]


def test_text_files_must_be_text():
    field = {"extensions": ["csv"], "max_size_mb": 1}
    assert check_upload(field, name="a.csv", size=5, head="é,ü\n".encode()) == []
    assert check_upload(field, name="a.csv", size=5, head=b"\x00\x01\x02") != []
