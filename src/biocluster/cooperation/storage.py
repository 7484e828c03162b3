"""Where the signed agreements live (core.storage: outside MEDIA_ROOT, which the demo serves to anyone).

A document is only ever sent by `views.agreement_document`, to the staff. The migrations name this path.
"""

from biocluster.core.storage import PrivateStorage


def private_storage():
    return PrivateStorage("COOPERATION_PRIVATE_ROOT")
