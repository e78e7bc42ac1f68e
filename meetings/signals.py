"""Signals of the public record that the model signals do not cover."""

from django.dispatch import Signal

# Sent after writes that bypass Model.save()/delete() (bulk loads, queryset
# updates): whatever keeps copies of public pages must drop them.
records_changed = Signal()
