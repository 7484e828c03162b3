"""The standard questions of the annual company survey, upserted by code (`ensure_standard_questions`).

The codes are what the survey's indicators read (`indicators.py`): change a code and the
indicator loses its answers. Staff may add questions of their own (admin).
"""

from decimal import Decimal

from biocluster.audit import services as audit

from .models import Prefill, Question, QuestionKind

# (code, English, French, help in English, help in French, kind, required, prefill, order)
STANDARD_QUESTIONS = (
    (
        "headcount",
        "Headcount at 31 December",
        "Effectif au 31 décembre",
        "People employed by the company on site (full-time equivalents, rounded).",
        "Personnes employées par l'entreprise sur le site (équivalents temps plein, arrondis).",
        QuestionKind.INTEGER,
        True,
        Prefill.LAST_YEAR,
        10,
    ),
    (
        "rd_staff",
        "R&D staff at 31 December",
        "Effectif de R&D au 31 décembre",
        "Of the headcount, the people working in research and development.",
        "Parmi l'effectif, les personnes travaillant en recherche et développement.",
        QuestionKind.INTEGER,
        True,
        Prefill.LAST_YEAR,
        20,
    ),
    (
        "sales",
        "Sales of the year (EUR)",
        "Chiffre d'affaires de l'année (EUR)",
        "Turnover excluding VAT; 0 if none.",
        "Chiffre d'affaires hors taxes ; 0 si aucun.",
        QuestionKind.AMOUNT,
        True,
        Prefill.LAST_YEAR,
        30,
    ),
    (
        "export_sales",
        "Export sales of the year (EUR)",
        "Chiffre d'affaires à l'export de l'année (EUR)",
        "Of the sales, those made outside France; 0 if none.",
        "Part du chiffre d'affaires réalisée hors de France ; 0 si aucune.",
        QuestionKind.AMOUNT,
        True,
        Prefill.LAST_YEAR,
        40,
    ),
    (
        "funds_raised",
        "Funds raised during the year (EUR)",
        "Fonds levés pendant l'année (EUR)",
        "Equity raised (all rounds, IPO included); 0 if none.",
        "Fonds propres levés (tous tours, introduction en bourse comprise) ; 0 si aucun.",
        QuestionKind.AMOUNT,
        True,
        Prefill.FUNDS_RAISED,
        50,
    ),
    (
        "patents",
        "Patents filed during the year",
        "Brevets déposés pendant l'année",
        "Priority filings only.",
        "Premiers dépôts uniquement.",
        QuestionKind.INTEGER,
        True,
        Prefill.PATENTS,
        60,
    ),
    (
        "new_products",
        "Did you bring a new product or service to market during the year?",
        "Avez-vous mis un nouveau produit ou service sur le marché pendant l'année ?",
        "",
        "",
        QuestionKind.BOOLEAN,
        True,
        Prefill.NONE,
        70,
    ),
    (
        "comments",
        "Anything the cluster should know?",
        "Souhaitez-vous signaler quelque chose au pôle ?",
        "Projects, needs, events of the year.",
        "Projets, besoins, faits marquants de l'année.",
        QuestionKind.TEXT,
        False,
        Prefill.NONE,
        80,
    ),
)


def ensure_standard_questions() -> list[Question]:
    """The standard questions, created where missing (an existing one is left as staff changed it)."""
    questions = []
    for code, label_en, label_fr, help_en, help_fr, kind, required, prefill, order in STANDARD_QUESTIONS:
        question, _created = Question.objects.get_or_create(
            code=code,
            defaults={
                "label_en": label_en,
                "label_fr": label_fr,
                "help_en": help_en,
                "help_fr": help_fr,
                "kind": kind,
                "required": required,
                "prefill": prefill,
                "order": order,
                "minimum": Decimal(0) if kind in (QuestionKind.INTEGER, QuestionKind.AMOUNT) else None,
            },
        )
        if _created:
            audit.record_create(actor=None, obj=question, action="survey.question.created")
        questions.append(question)
    return questions
