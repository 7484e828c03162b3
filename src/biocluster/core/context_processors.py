from django.conf import settings

from . import registry


def navigation(request):
    user = request.user
    return {
        "is_cluster_staff": bool(user.is_authenticated and user.has_perm("accounts.is_cluster_staff")),
        "demo_mode": settings.DEMO,
        "menu": registry.menu_for(user),
        "account_menu": registry.account_menu_for(user),
        # Links other areas put on this page (core/_page_actions.html), e.g. "Save as segment".
        "page_actions": registry.page_actions(getattr(request.resolver_match, "view_name", ""), user),
    }
