from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("export.csv", views.ProjectListView.as_view(export="csv"), name="export_csv"),
    path("export.json", views.ProjectListView.as_view(export="json"), name="export_json"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
]
