from django.views.generic import DetailView, ListView

from .models import Meeting


class MeetingListView(ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.published().prefetch_related("co_chairs")


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"
    slug_field = "ordinal"
    slug_url_kwarg = "ordinal"

    def get_queryset(self):
        return Meeting.objects.published().prefetch_related("co_chairs", "citations__source")
