"""Who may do what with the survey. Pages, API, admin and templates ask these.

Cluster staff (any department) and administrators run the campaigns: create, open, close,
choose the companies, validate or return responses. A company's administrators (current
affiliation with the administrator's flag, in the directory) read their own company's
response and answer it while the campaign is open and the response is a draft or returned.
Members who do not administer the company, and everyone else, see nothing (404).
"""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff
from biocluster.directory.querysets import administered_organisation_ids_of

from .models import EDITABLE, CampaignState, ResponseState


@rules.predicate
def administers_respondent(user, response) -> bool:
    return response is not None and response.organisation_id in administered_organisation_ids_of(user)


@rules.predicate
def is_answerable(user, response) -> bool:
    return (
        response is not None and response.campaign.state == CampaignState.OPEN and response.state in EDITABLE
    )


@rules.predicate
def is_submitted(user, response) -> bool:
    return response is not None and response.state == ResponseState.SUBMITTED


@rules.predicate
def is_not_closed(user, campaign) -> bool:
    return campaign is not None and campaign.state != CampaignState.CLOSED


is_staff = is_cluster_staff | is_administrator

rules.add_perm("survey.list", rules.is_authenticated)  # the API's lists: each shows what its reader sees
rules.add_perm("survey.manage_campaigns", is_staff)
rules.add_perm("survey.view_campaign", is_staff)
rules.add_perm("survey.change_campaign", is_staff & is_not_closed)
rules.add_perm("survey.view_response", is_staff | administers_respondent)
rules.add_perm("survey.answer_response", administers_respondent & is_answerable)
rules.add_perm("survey.review_response", is_staff & is_submitted)
rules.add_perm("survey.remove_response", is_staff)
