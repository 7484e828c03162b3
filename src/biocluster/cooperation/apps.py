import datetime

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("cooperation.view_cooperation")


def alerts(user, *, today: datetime.date | None = None) -> list:
    """The staff's to-dos: agreements expiring within 90 days or without activity for 12 months,
    memberships to renew, label audits, and installed companies' follow-ups due (clock injected)."""
    from django.utils import timezone

    from biocluster.core.formatting import day as format_day
    from biocluster.core.registry import ToDo

    from . import services

    if not _is_cluster_staff(user):
        return []
    today = today or timezone.localdate()
    area = gettext("International")
    todos = []
    for agreement in services.expiring_agreements(today=today):
        todos.append(
            ToDo(
                area=area,
                title=gettext("The agreement “%(title)s” with %(partner)s expires on %(day)s")
                % {
                    "title": agreement.title,
                    "partner": agreement.partner.name,
                    "day": format_day(agreement.expires_on),
                },
                url=reverse("cooperation:agreement_detail", args=[agreement.pk]),
                due=agreement.expires_on,
            )
        )
    dormant = services.dormant_agreements(today=today)
    if len(dormant) == 1:
        todos.append(
            ToDo(
                area=area,
                title=gettext("No activity for 12 months under the agreement “%(title)s” with %(partner)s")
                % {"title": dormant[0].title, "partner": dormant[0].partner.name},
                url=reverse("cooperation:agreement_detail", args=[dormant[0].pk]),
            )
        )
    elif dormant:  # one line for them all, as the home page does for many items of a kind
        todos.append(
            ToDo(
                area=area,
                title=gettext("No activity for 12 months under these agreements: %(partners)s")
                % {"partners": ", ".join(agreement.partner.name for agreement in dormant)},
                url=reverse("cooperation:agreement_list") + "?status=in_force",
                count=len(dormant),
            )
        )
    for membership in services.renewals_due(today=today):
        todos.append(
            ToDo(
                area=area,
                title=gettext("Renew the membership of %(network)s") % {"network": membership.network.name},
                url=reverse("cooperation:membership_list"),
                due=membership.renewal_on,
                overdue=membership.renewal_on < today,
            )
        )
    for label, what, when in services.audits_due(today=today):
        text = (
            gettext("Prepare the audit of the label %(label)s")
            if what == "audit"
            else gettext("The label %(label)s ends: apply for its renewal")
        )
        todos.append(
            ToDo(
                area=area, title=text % {"label": label}, url=reverse("cooperation:membership_list"), due=when
            )
        )
    for soft_landing in services.follow_ups_due(today=today):
        todos.append(
            ToDo(
                area=area,
                title=gettext("Follow up with %(company)s, installed") % {"company": soft_landing.name},
                url=reverse("cooperation:soft_landing_detail", args=[soft_landing.pk]),
                due=soft_landing.next_follow_up_on,
                overdue=soft_landing.next_follow_up_on < today,
            )
        )
    for mission, months, missing in services.follow_ups_to_record(today=today):
        todos.append(
            ToDo(
                area=area,
                title=gettext("Record the %(months)s-month follow-up of %(mission)s")
                % {"months": months, "mission": mission},
                url=reverse("cooperation:mission_detail", args=[mission.pk]),
                count=missing,
            )
        )
    return todos


def organisation_summary(user, organisation) -> list:
    """What international cooperation knows of an organisation, for its staff summary."""
    from biocluster.core.formatting import day as format_day
    from biocluster.core.registry import SummaryLine

    from .models import Membership, PackSubscription, PartnershipAgreement, SoftLanding

    if not _is_cluster_staff(user):
        return []
    area = gettext("International")
    lines = []
    for agreement in PartnershipAgreement.objects.filter(partner=organisation).order_by("-signed_on", "id")[
        :3
    ]:
        lines.append(
            SummaryLine(
                area,
                gettext("Partner: %(title)s (%(status)s)")
                % {"title": agreement.title, "status": agreement.get_status_display()},
                reverse("cooperation:agreement_detail", args=[agreement.pk]),
            )
        )
    for soft_landing in SoftLanding.objects.filter(organisation=organisation).order_by("-id")[:2]:
        text = gettext("Soft landing: %(stage)s") % {"stage": soft_landing.get_stage_display()}
        if soft_landing.installed_on:
            text = gettext("Soft landing: installed on %(day)s") % {
                "day": format_day(soft_landing.installed_on)
            }
        lines.append(
            SummaryLine(area, text, reverse("cooperation:soft_landing_detail", args=[soft_landing.pk]))
        )
    packs = list(
        PackSubscription.objects.filter(organisation=organisation)
        .select_related("pack__mission__event")
        .order_by("-pack__mission__event__starts_at")[:3]
    )
    if packs:
        lines.append(
            SummaryLine(
                area,
                gettext("Abroad with the cluster: %(missions)s")
                % {"missions": ", ".join(f"{s.pack.mission} ({s.pack.name})" for s in packs)},
                reverse("cooperation:mission_detail", args=[packs[0].pack.mission_id]),
            )
        )
    membership = Membership.objects.filter(network=organisation, ended_on__isnull=True).first()
    if membership is not None:
        lines.append(
            SummaryLine(
                area,
                gettext("The cluster is a member: %(role)s") % {"role": membership.role},
                reverse("cooperation:membership_list"),
            )
        )
    return lines


class CooperationConfig(AppConfig):
    name = "biocluster.cooperation"
    label = "cooperation"
    verbose_name = _("International cooperation")

    def ready(self):
        from biocluster.core import registry

        from . import indicators, rules  # noqa: F401

        registry.add_menu_entry(
            _("International"), "cooperation:dashboard", order=88, shown_to=_is_cluster_staff
        )
        registry.add_todo(alerts, order=45)
        registry.add_organisation_summary(organisation_summary, order=50)
        indicators.register()
