from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import render

from biocluster.core.access import get_visible_or_404
from biocluster.core.widgets import choices_response, search_text

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
