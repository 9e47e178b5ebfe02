"""The records' visibility loses its indexes (its own and the one with the kind): anonymous
visitors and members may see most records, and offered those indexes the planner counted a
search's matches by reading every visible record's vector (300 ms at 100,000 sections)
instead of asking the text index (50 ms). The kind keeps its own index for a type filter."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wijkwijs_search", "0011_i19_one_text_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="searchrecord",
            name="wijkwijs_se_kind_e4c83e_idx",
        ),
        migrations.AlterField(
            model_name="searchrecord",
            name="visibility",
            field=models.CharField(
                choices=[
                    ("public", "Openbaar"),
                    ("members", "Alleen ingelogde leden"),
                    ("communities", "Alleen leden van de gekozen gemeenschappen"),
                    ("editors", "Alleen redactie"),
                ],
                default="public",
                max_length=16,
            ),
        ),
    ]
