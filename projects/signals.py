"""Keep the stored full-text documents of projects current on every save.

A project's document holds its partners' names, so a change to a partnership
or to a party's names recomputes it too. Nothing runs on SQLite.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mous.models import Party

from .models import Project, ProjectPartner


@receiver(post_save, sender=Project)
def refresh_project_document(sender, instance: Project, **kwargs) -> None:
    Project.objects.filter(pk=instance.pk).refresh_search_vectors()


@receiver(post_save, sender=ProjectPartner)
@receiver(post_delete, sender=ProjectPartner)
def refresh_partner_project_document(sender, instance: ProjectPartner, **kwargs) -> None:
    Project.objects.filter(pk=instance.project_id).refresh_search_vectors()


@receiver(post_save, sender=Party)
def refresh_partner_documents(sender, instance: Party, **kwargs) -> None:
    if instance.names_changed:
        Project.objects.with_partner(Party.objects.filter(pk=instance.pk)).refresh_search_vectors()
