from django.urls import path

from .views import builder, calls, committee, proposals, reviews

app_name = "calls"

urlpatterns = [
    path("", calls.call_list, name="call_list"),
    path("new/", calls.call_create, name="call_create"),
    path("<int:pk>/", calls.call_detail, name="call_detail"),
    path("<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("<int:pk>/form/", builder.call_form, name="call_form"),
    path("<int:pk>/rubric/", builder.call_rubric, name="call_rubric"),
    path("<int:pk>/eligibility/", builder.call_eligibility, name="call_eligibility"),
    path("<int:pk>/publish/", calls.call_publish, name="call_publish"),
    path("<int:pk>/apply/", proposals.proposal_start, name="proposal_start"),
    path("<int:pk>/proposals/", committee.call_proposals, name="call_proposals"),
    path("<int:pk>/auto-assign/", committee.call_auto_assign, name="call_auto_assign"),
    path("<int:pk>/reminders/", committee.call_reminders, name="call_reminders"),
    path("<int:pk>/ranking/", committee.call_ranking, name="call_ranking"),
    path("<int:pk>/decisions/publish/", committee.call_publish_decisions, name="call_publish_decisions"),
    path("<int:pk>/awards/", committee.call_awards, name="call_awards"),
    path("<int:pk>/awards.csv", committee.call_awards_export, name="call_awards_export"),
    path("proposals/", proposals.my_proposals, name="my_proposals"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/autosave/", proposals.proposal_autosave, name="proposal_autosave"),
    path("proposals/<int:pk>/share/", proposals.proposal_share, name="proposal_share"),
    path("proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/pdf/", proposals.proposal_pdf, name="proposal_pdf"),
    path("proposals/<int:pk>/letter.pdf", proposals.decision_letter, name="decision_letter"),
    path("proposals/<int:pk>/assign/", committee.proposal_assign, name="proposal_assign"),
    path("proposals/<int:pk>/decide/", committee.proposal_decide, name="proposal_decide"),
    path("attachments/<int:pk>/", proposals.attachment_download, name="attachment_download"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/declare/", reviews.review_declare, name="review_declare"),
    path("reviews/<int:pk>/score/", reviews.review_edit, name="review_edit"),
    path("awards/<int:pk>/", committee.award_detail, name="award_detail"),
]
