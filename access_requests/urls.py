from django.urls import path

from access_requests import site_views, views

app_name = "access_requests"
urlpatterns = [
    path("<int:page_id>/aanvragen/", views.ask, name="ask"),
    path("verzoeken/", site_views.pending_requests, name="pending"),
    path("verzoeken/<int:request_id>/", site_views.decide, name="decide"),
]
