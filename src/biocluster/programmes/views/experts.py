"""The directory of experts and mentors: founders in a programme and staff read it, staff keep it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from biocluster.core.access import require

from .. import services
from ..forms import ExpertForm
from ..models import Expert


@login_required
def expert_list(request):
    require(request.user, "programmes.view_experts")
    staff = request.user.has_perm("programmes.manage_programmes")
    experts = Expert.objects.select_related("person").prefetch_related("fields")
    if not staff:
        experts = experts.filter(is_active=True)
    field = request.GET.get("field", "")
    if field:
        experts = experts.filter(fields__code=field[:80])
    return render(request, "programmes/expert_list.html", {"experts": experts, "staff": staff})


@login_required
def expert_add(request):
    require(request.user, "programmes.manage_programmes")
    form = ExpertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_expert(
            actor=request.user,
            person=data["person"],
            kind=data["kind"],
            fields=data["fields_"],
            expertise_en=data["expertise_en"],
            expertise_fr=data["expertise_fr"],
        )
        messages.success(request, _("The expert is saved."))
        return redirect("programmes:expert_list")
    return render(request, "programmes/form.html", {"form": form, "title": _("Add an expert or mentor")})
