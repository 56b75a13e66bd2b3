"""The admin's form for issuing a key."""

import secrets

from django import forms

from apikeys import services
from apikeys.models import ApiKey
from apikeys.scopes import KNOWN_SCOPES, MILESTONES_READ


class IssueApiKeyForm(forms.ModelForm):
    """User, name, scopes as checkboxes and an optional expiry, checked by the service."""

    scopes = forms.MultipleChoiceField(
        choices=[(scope, scope) for scope in KNOWN_SCOPES],
        widget=forms.CheckboxSelectMultiple,
        initial=[MILESTONES_READ],
    )
    # A fresh token per rendered form: a resubmitted form (a reload of the page that
    # showed the key) is recognised and issues nothing (see ApiKeyAdmin.add_view).
    issuance = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=lambda: secrets.token_urlsafe(16)
    )

    class Meta:
        model = ApiKey
        fields = ["user", "name", "scopes", "expires_at"]

    def clean(self) -> dict:
        cleaned = super().clean()
        user = cleaned.get("user")
        if user is not None and "scopes" in cleaned:
            try:
                services.check_can_issue(user, cleaned["scopes"], cleaned.get("expires_at"))
            except services.ApiKeyError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned
