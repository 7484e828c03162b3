from django.urls import path

from .views import enrolments, experts, pipeline, programmes

app_name = "programmes"

urlpatterns = [
    path("", programmes.programme_list, name="programme_list"),
    path("new/", programmes.programme_create, name="programme_create"),
    path("<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", programmes.programme_edit, name="programme_edit"),
    path("<int:pk>/cohorts/new/", programmes.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", programmes.cohort_detail, name="cohort_detail"),
    path("pipeline/", pipeline.pipeline_view, name="pipeline"),
    path("alerts/", pipeline.alerts, name="alerts"),
    path("enrolments/", enrolments.enrolment_list, name="enrolment_list"),
    path("enrolments/<int:pk>/", enrolments.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/plan/", enrolments.plan_edit, name="plan_edit"),
    path("enrolments/<int:pk>/reviews/new/", enrolments.review_add, name="review_add"),
    path("enrolments/<int:pk>/objectives/new/", enrolments.objective_add, name="objective_add"),
    path("enrolments/<int:pk>/actions/new/", enrolments.action_add, name="action_add"),
    path("actions/<int:pk>/status/", enrolments.action_status, name="action_status"),
    path("enrolments/<int:pk>/sessions/new/", enrolments.session_add, name="session_add"),
    path("enrolments/<int:pk>/milestones/new/", enrolments.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/evidence/", enrolments.milestone_evidence, name="milestone_evidence"),
    path("milestones/<int:pk>/review/", enrolments.milestone_review, name="milestone_review"),
    path("enrolments/<int:pk>/renewal/", enrolments.renewal_request, name="renewal_request"),
    path("renewals/<int:pk>/decide/", enrolments.renewal_decide, name="renewal_decide"),
    path("enrolments/<int:pk>/close/", enrolments.enrolment_close, name="enrolment_close"),
    path("experts/", experts.expert_list, name="expert_list"),
    path("experts/new/", experts.expert_add, name="expert_add"),
]
