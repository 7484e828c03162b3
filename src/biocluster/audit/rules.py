"""Who may read an object's history: administrators, and whom the rule an app names for the
object's model allows (`audit.display.history_rule`). Nobody else, for models no app names."""

import rules

from biocluster.accounts.rules import is_administrator

from . import display


@rules.predicate
def allowed_by_the_models_rule(user, obj) -> bool:
    if obj is None:
        return False
    permission = display.rule_for_history(obj._meta.concrete_model)
    return permission is not None and user.has_perm(permission, obj)


rules.add_perm("audit.view_history", is_administrator | allowed_by_the_models_rule)
