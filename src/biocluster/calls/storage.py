"""Where proposal attachments live (core.storage: outside MEDIA_ROOT, which the demo serves to anyone).

Attachments are only ever sent by `views.proposals.attachment_download`, after the
permission check that keeps them from conflicted reviewers. The migrations name this path.
"""

from biocluster.core.storage import PrivateStorage


def private_storage():
    return PrivateStorage("CALLS_PRIVATE_ROOT")
