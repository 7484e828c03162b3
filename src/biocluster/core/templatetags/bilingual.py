from django import template

from biocluster.core.models import bilingual as _bilingual

register = template.Library()


@register.filter
def bilingual(obj, field: str) -> str:
    """`{{ organisation|bilingual:"description" }}`: the text in the reader's language."""
    return _bilingual(obj, field)
