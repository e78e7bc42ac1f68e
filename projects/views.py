from django.views.generic import DetailView, ListView

from .models import Project


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    paginate_by = 25

    def get_queryset(self):
        return Project.objects.published().with_related()


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            Project.objects.published()
            .with_related()
            .prefetch_related("milestones__source", "citations__source")
        )
