"""Pages made live without Wagtail's publishing (imports, the demo loader) had no
publication moments: they get this migration's, from now on kept by
``wijkwijs.publication``."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def stamp_live_pages(apps, schema_editor):
    live = apps.get_model("wagtailcore", "Page").objects.filter(live=True)
    live.filter(first_published_at__isnull=True).update(first_published_at=timezone.now())
    live.filter(last_published_at__isnull=True).update(last_published_at=F("first_published_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("wijkwijs", "0002_communitypage_shared_with_meetingpage_shared_with_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(stamp_live_pages, migrations.RunPython.noop)]
