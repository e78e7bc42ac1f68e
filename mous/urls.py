from django.urls import path

from . import views

app_name = "mous"

urlpatterns = [
    path("", views.MOUListView.as_view(), name="list"),
    path("export.csv", views.MOUListView.as_view(export="csv"), name="export_csv"),
    path("export.json", views.MOUListView.as_view(export="json"), name="export_json"),
    path("<slug:slug>/", views.MOUDetailView.as_view(), name="detail"),
]

# Mounted at /parties/ and /areas/ by the root URLconf, each under its own namespace.
party_patterns = [
    path("", views.PartyListView.as_view(), name="list"),
    path("export.csv", views.PartyListView.as_view(export="csv"), name="export_csv"),
    path("export.json", views.PartyListView.as_view(export="json"), name="export_json"),
    path("<slug:slug>/", views.PartyDetailView.as_view(), name="detail"),
]
area_patterns = [
    path("", views.AreaListView.as_view(), name="list"),
    path("export.csv", views.AreaListView.as_view(export="csv"), name="export_csv"),
    path("export.json", views.AreaListView.as_view(export="json"), name="export_json"),
    path("<slug:slug>/", views.AreaDetailView.as_view(), name="detail"),
]
