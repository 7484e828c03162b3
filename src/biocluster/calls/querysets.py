"""Who sees which call, proposal, review and award: the lists of pages and API alike.

Drafts are the applicants' own: not even the staff running the call read them.
Reviewers see a proposal only once they have declared that they have no conflict of
interest with it (and `access.visible_proposal_or_404` checks the directory again).
"""

from django.db import models

from biocluster.accounts.roles import roles_of


class CallQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles_of(user).is_cluster_staff:
            return self
        return self.exclude(status="draft")

    def managed_by(self, user):
        if roles_of(user).is_administrator:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=self.model.managers.through.objects.filter(user=user).values("call_id"))


def _own_proposal_ids(user):
    from .models import Proposal, ProposalMember

    return models.Q(pk__in=Proposal.objects.filter(applicant=user).values("pk")) | models.Q(
        pk__in=ProposalMember.objects.filter(user=user).values("proposal_id")
    )


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        from .models import Call, Review

        visible = _own_proposal_ids(user)
        submitted = ~models.Q(status="draft")
        visible |= submitted & models.Q(call__in=Call.objects.managed_by(user).values("pk"))
        cleared = Review.objects.filter(reviewer=user, conflict="none").exclude(status="cancelled")
        visible |= models.Q(status="submitted", pk__in=cleared.values("proposal_id"))
        return self.filter(visible)

    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(_own_proposal_ids(user))


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .models import Proposal

        return self.filter(proposal__in=Proposal.objects.visible_to(user).values("pk"))


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A reviewer sees their own assignments; the staff running a call see all of its reviews.

        Applicants see none: what reviewers wrote to them reaches them through their
        proposal, without any name.
        """
        if not user.is_authenticated:
            return self.none()
        from .models import Call

        return self.filter(
            models.Q(reviewer=user) | models.Q(proposal__call__in=Call.objects.managed_by(user).values("pk"))
        )


class AwardQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        from .models import Call, Proposal

        return self.filter(
            models.Q(proposal__call__in=Call.objects.managed_by(user).values("pk"))
            | models.Q(proposal__in=Proposal.objects.owned_by(user).values("pk"))
        )
