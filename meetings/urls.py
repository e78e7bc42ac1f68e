from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("export.csv", views.MeetingListView.as_view(export="csv"), name="export_csv"),
    path("export.json", views.MeetingListView.as_view(export="json"), name="export_json"),
    path("<int:ordinal>/", views.MeetingDetailView.as_view(), name="detail"),
]
