from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from biocluster.core.access import get_visible_or_404
from biocluster.core.widgets import choices_response, search_text

from .. import services
from ..forms import ConsentForm
from ..models import Affiliation, Organisation, Person
from ..search import search_people


def _affiliations_visible_to(user):
    return Affiliation.objects.filter(organisation__in=Organisation.objects.visible_to(user)).select_related(
        "organisation"
    )


def person_list(request):
    people = Person.objects.visible_to(request.user)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        people = people.filter(Q(last_name__icontains=text) | Q(first_name__icontains=text))
    page = Paginator(
        people.prefetch_related(Prefetch("affiliations", queryset=_affiliations_visible_to(request.user))),
        50,
    ).get_page(request.GET.get("page"))
    template = "directory/person_list.html#results" if request.htmx else "directory/person_list.html"
    return render(request, template, {"page": page, "q": text})


def person_detail(request, pk: int):
    person = get_visible_or_404(Person.objects, request.user, pk=pk)
    user = request.user
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "affiliations": _affiliations_visible_to(user).filter(person=person),
            "sees_contact": user.has_perm("directory.view_person_contact", person),
        },
    )


def person_choices(request):
    """The pickers' search (core/widgets.py): people the user may see (consent, colleagues, staff)."""
    people = search_people(Person.objects.visible_to(request.user), search_text(request))
    return choices_response(people.only("first_name", "last_name"))


@login_required
def my_consents(request):
    """A person decides, themselves, whether they appear in the public directory and may be e-mailed."""
    person = Person.objects.filter(user=request.user).first()
    form = ConsentForm(request.POST or None, instance=person) if person else None
    if form is not None and request.method == "POST" and form.is_valid():
        services.update_person(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("directory:my_consents")
    return render(request, "directory/my_consents.html", {"person": person, "form": form})
