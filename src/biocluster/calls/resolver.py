"""What an applicant's answers may point at: people and organisations they can see, and
the proposal's own attachments."""

from biocluster.directory.models import Organisation, Person


class DirectoryResolver:
    def __init__(self, user, proposal):
        self.user = user
        self.proposal = proposal
        self._attachments = None

    def people(self, ids: set[int]) -> set[int]:
        return set(Person.objects.visible_to(self.user).filter(pk__in=ids).values_list("pk", flat=True))

    def organisations(self, ids: set[int], kinds: list[str]) -> set[int]:
        queryset = Organisation.objects.visible_to(self.user).filter(pk__in=ids)
        if kinds:
            queryset = queryset.filter(kind__in=kinds)
        return set(queryset.values_list("pk", flat=True))

    def attachments(self) -> dict[str, int]:
        if self._attachments is None:
            self._attachments = dict(self.proposal.attachments.values_list("field_key", "pk"))
        return self._attachments
