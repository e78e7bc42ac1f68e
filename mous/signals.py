"""Keep the stored full-text documents of parties and MOUs current on every save.

An MOU's document holds its signatories' names, so a change to a signatory or
to a party's names recomputes it too. Each handler is one UPDATE; nothing runs
on SQLite, which searches without stored documents.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import MOU, Party, Signatory


@receiver(post_save, sender=Party)
def refresh_party_documents(sender, instance: Party, **kwargs) -> None:
    if not instance.names_changed:
        return
    parties = Party.objects.filter(pk=instance.pk)
    parties.refresh_search_vectors()
    MOU.objects.signed_by(parties).refresh_search_vectors()


@receiver(post_save, sender=MOU)
def refresh_mou_document(sender, instance: MOU, **kwargs) -> None:
    MOU.objects.filter(pk=instance.pk).refresh_search_vectors()


@receiver(post_save, sender=Signatory)
@receiver(post_delete, sender=Signatory)
def refresh_signed_mou_document(sender, instance: Signatory, **kwargs) -> None:
    MOU.objects.filter(pk=instance.mou_id).refresh_search_vectors()
