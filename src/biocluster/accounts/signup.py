"""Signing up never tells whether an address already has an account.

allauth hides it only with mandatory email verification for every login; here only
a signup must confirm its address first. Both answers are the same "confirm your
address" page: a new address gets its confirmation link, the owner of an existing
account an email saying that the account exists (with the password reset link).
"""

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.email_verification import add_email_verification_sent_message
from allauth.account.internal.flows.signup import complete_signup
from allauth.account.utils import filter_users_by_email
from allauth.account.views import SignupView as AllauthSignupView
from allauth.core.exceptions import ImmediateHttpResponse


class SignupForm(AllauthSignupForm):
    def validate_unique_email(self, value) -> str:
        email = get_adapter().validate_unique_email(value)
        self.account_already_exists = bool(filter_users_by_email(email))
        return email


class SignupView(AllauthSignupView):
    form_class = SignupForm

    def get_form_class(self):
        return SignupForm

    def form_valid(self, form):
        adapter = get_adapter()
        if form.account_already_exists:
            email = form.cleaned_data["email"]
            adapter.send_account_already_exists_mail(email)
            add_email_verification_sent_message(self.request, email, signup=True)
            return adapter.respond_email_verification_sent(self.request, None)
        self.user = form.save(self.request)
        try:
            return complete_signup(
                self.request,
                user=self.user,
                email_verification=app_settings.EmailVerificationMethod.MANDATORY,
                redirect_url=self.get_success_url(),
            )
        except ImmediateHttpResponse as response:
            return response.response
