from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_restricted_records_manager"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="two_factor_required",
            field=models.BooleanField(default=False),
        ),
    ]
