"""The sitemap at the scheme and host it was asked at, as the API, feeds and OAI-PMH give
their links, not at the Wagtail Site record's hostname (a proxy's address or a second
domain need not match it)."""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap


class RequestHostSitemap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        # Wagtail's pages give their full URL on the Site record's hostname: keep the path.
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            site_path = urlsplit(url["location"])._replace(scheme="", netloc="").geturl()
            url["location"] = self.request.build_absolute_uri(site_path)
        return urls
