from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from biocluster.core.access import get_visible_or_404
from biocluster.core.widgets import choices_response, search_text

from .. import services
from ..forms import ConsentForm
from ..models import Affiliation, Organisation, Person
from ..search import search_people


def _with_visible_affiliations(people, user) -> None:
    """Each person's affiliations to organisations the user may see, read from the page's people:
    the organisations those people work at are checked first, so that the database starts from
    the page's fifty people rather than from every visible organisation (80-190 ms at 100,000
    people on SQLite, which started from the organisations)."""
    at = Affiliation.objects.filter(person_id__in=[p.pk for p in people]).order_by()
    at = at.values_list("organisation_id", flat=True)
    shown = Organisation.objects.visible_to(user).filter(pk__in=set(at)).values_list("pk", flat=True)
    queryset = Affiliation.objects.filter(organisation_id__in=list(shown)).select_related("organisation")
    prefetch_related_objects(people, Prefetch("affiliations", queryset=queryset))


def person_list(request):
    people = Person.objects.visible_to(request.user)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        people = search_people(people, text)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    _with_visible_affiliations(page.object_list, request.user)
    template = "directory/person_list.html#results" if request.htmx else "directory/person_list.html"
    return render(request, template, {"page": page, "q": text})


def person_detail(request, pk: int):
    person = get_visible_or_404(Person.objects, request.user, pk=pk)
    user = request.user
    _with_visible_affiliations([person], user)
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "affiliations": person.affiliations.all(),
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
