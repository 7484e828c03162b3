"""The survey's forms. The rules (kinds, bounds, states) live in the services: an answer's field is a
text box the service parses, so that the page, the API and the admin refuse the same input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.core.models import bilingual
from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import Organisation

from .models import Answer, Question, QuestionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1998, max_value=2100)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions"),
        queryset=Question.objects.all(),  # the catalogue: a few rows
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: the catalogue's active questions."),
    )

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].label_from_instance = lambda question: str(question)
        if campaign is not None:
            del self.fields["year"]
            if campaign.state != "draft":
                del self.fields["questions"]


class CompanyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Company to ask"), queryset=Organisation.objects.all(), widget=organisation_picker()
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What the company should correct"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswersForm(forms.Form):
    """One field per question of the campaign, named by its code, its initial value the answer saved."""

    def __init__(self, *args, answers: list[Answer], disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = {answer.question.code: answer for answer in answers}
        for answer in answers:
            question = answer.question
            options = {
                "label": bilingual(question, "label"),
                "help_text": bilingual(question, "help"),
                "required": False,  # submitting checks what is required, saving a draft does not
                "disabled": disabled,
            }
            if question.kind == QuestionKind.BOOLEAN:
                field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **options)
                initial = "" if answer.flag is None else ("yes" if answer.flag else "no")
            elif question.kind == QuestionKind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **options)
                initial = answer.text
            else:
                mode = "numeric" if question.kind == QuestionKind.INTEGER else "decimal"
                field = forms.CharField(
                    max_length=40, widget=forms.TextInput(attrs={"inputmode": mode}), **options
                )
                initial = "" if answer.value is None else str(answer.value)
            field.answer = answer
            self.fields[question.code] = field
            self.initial.setdefault(question.code, initial)

    def values(self) -> dict:
        return dict(self.cleaned_data)

    def rows(self):
        """Each field with its answer (what was prefilled, from where)."""
        return [(self[name], self.fields[name].answer) for name in self.fields]
