from django.views.generic import DetailView, ListView

from .models import MOU, Area, Party


class MOUListView(ListView):
    template_name = "mous/mou_list.html"
    context_object_name = "mous"
    paginate_by = 25

    def get_queryset(self):
        return MOU.objects.published().with_related()


class MOUDetailView(DetailView):
    template_name = "mous/mou_detail.html"
    context_object_name = "mou"

    def get_queryset(self):
        return MOU.objects.published().with_related().prefetch_related("citations__source")


class PartyListView(ListView):
    template_name = "mous/party_list.html"
    context_object_name = "parties"
    paginate_by = 50

    def get_queryset(self):
        return Party.objects.published().select_related("parent")


class PartyDetailView(DetailView):
    template_name = "mous/party_detail.html"
    context_object_name = "party"

    def get_queryset(self):
        return Party.objects.published().select_related("parent")


class AreaListView(ListView):
    template_name = "mous/area_list.html"
    context_object_name = "areas"

    def get_queryset(self):
        return Area.objects.published()


class AreaDetailView(DetailView):
    template_name = "mous/area_detail.html"
    context_object_name = "area"

    def get_queryset(self):
        return Area.objects.published()
