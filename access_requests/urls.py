from django.urls import path

from access_requests import views

app_name = "access_requests"
urlpatterns = [path("<int:page_id>/aanvragen/", views.ask, name="ask")]
