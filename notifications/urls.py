from django.urls import path

from notifications import feeds, views

app_name = "notifications"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("volgen/", views.follow, name="follow"),
    path("zoekopdracht-bewaren/", views.save_search, name="save_search"),
    path("<int:follow_id>/niet-meer-volgen/", views.unfollow, name="unfollow"),
    path("nieuw-feedadres/", views.renew_feed, name="renew_feed"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
feed_urls = (
    [
        path("thema/<slug:slug>/", feeds.ThemeFeed(), name="theme"),
        path("gemeente/<slug:slug>/", feeds.MunicipalityFeed(), name="municipality"),
        path("organisatie/<slug:slug>/", feeds.OrganisationFeed(), name="organisation"),
        path("zoeken/", feeds.SearchFeed(), name="search"),
        path("prive/<str:token>/", feeds.PrivateFeed(), name="private"),
    ],
    "feeds",
)
