"""Notifications migrations 0001–0004 squashed into one (docs/developing.md, «Migrations»): the tables as the
models declare them."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('notifications', '0001_initial'),
        ('notifications', '0002_assignment_kinds'),
        ('notifications', '0003_review_and_staffing_kinds'),
        ('notifications', '0004_staffing_entered_kind'),
    ]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalPreference',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('assignment_due', 'Order assignment due soon'), ('assignment_overdue', 'Order assignment overdue'), ('assignment_new', 'New order assignment'), ('assignment_reported', 'Order assignment reported as done'), ('assignment_returned', 'Order assignment returned for rework'), ('review_due', 'Expert review due soon'), ('review_overdue', 'Expert review overdue'), ('review_escalated', 'Expert review overdue (escalated to the methodist)'), ('review_assigned', 'Expert review assigned to you'), ('reviews_complete', "Reviews complete: the council's conclusion is due"), ('staffing_deadline', 'Staffing needs due soon'), ('staffing_overdue', 'Staffing needs overdue'), ('staffing_returned', 'Staffing needs returned for correction'), ('staffing_entered', 'Staffing needs entered by the methodist'), ('mentoring_task_overdue', 'Mentoring programme task overdue'), ('mentoring_pair_silent', 'Mentoring pair without activity for a month'), ('route_item_due', 'Route item due soon'), ('evidence_waiting', 'Evidence waiting for the tutor'), ('certificate_issued', 'Certificate issued')], max_length=40, verbose_name='kind')),
                ('channel', models.CharField(choices=[('email', 'E-mail digest and in the portal'), ('in_app', 'In the portal only'), ('off', 'Off')], max_length=10, verbose_name='channel')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'historical notification preference',
                'verbose_name_plural': 'historical notification preferences',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('assignment_due', 'Order assignment due soon'), ('assignment_overdue', 'Order assignment overdue'), ('assignment_new', 'New order assignment'), ('assignment_reported', 'Order assignment reported as done'), ('assignment_returned', 'Order assignment returned for rework'), ('review_due', 'Expert review due soon'), ('review_overdue', 'Expert review overdue'), ('review_escalated', 'Expert review overdue (escalated to the methodist)'), ('review_assigned', 'Expert review assigned to you'), ('reviews_complete', "Reviews complete: the council's conclusion is due"), ('staffing_deadline', 'Staffing needs due soon'), ('staffing_overdue', 'Staffing needs overdue'), ('staffing_returned', 'Staffing needs returned for correction'), ('staffing_entered', 'Staffing needs entered by the methodist'), ('mentoring_task_overdue', 'Mentoring programme task overdue'), ('mentoring_pair_silent', 'Mentoring pair without activity for a month'), ('route_item_due', 'Route item due soon'), ('evidence_waiting', 'Evidence waiting for the tutor'), ('certificate_issued', 'Certificate issued')], max_length=40, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('body', models.TextField(blank=True, verbose_name='text')),
                ('url', models.CharField(blank=True, max_length=500, verbose_name='link')),
                ('object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('day', models.DateField(verbose_name='day')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='e-mailed at')),
                ('email', models.BooleanField(default=False, verbose_name='goes to the e-mail digest')),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'ordering': [models.OrderBy(models.F('read_at'), nulls_first=True), '-created', '-pk'],
                'indexes': [models.Index(fields=['user', 'read_at'], name='notificatio_user_id_47e85c_idx'), models.Index(fields=['email', 'emailed_at'], name='notificatio_email_32ab41_idx')],
                'constraints': [models.UniqueConstraint(fields=('user', 'kind', 'content_type', 'object_id', 'day'), name='notifications_once_a_day'), models.UniqueConstraint(condition=models.Q(('content_type__isnull', True)), fields=('user', 'kind', 'title', 'day'), name='notifications_once_a_day_without_object'), models.CheckConstraint(condition=models.Q(models.Q(('content_type__isnull', True), ('object_id__isnull', True)), models.Q(('content_type__isnull', False), ('object_id__isnull', False)), _connector='OR'), name='notifications_target_complete')],
            },
        ),
        migrations.CreateModel(
            name='Preference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('assignment_due', 'Order assignment due soon'), ('assignment_overdue', 'Order assignment overdue'), ('assignment_new', 'New order assignment'), ('assignment_reported', 'Order assignment reported as done'), ('assignment_returned', 'Order assignment returned for rework'), ('review_due', 'Expert review due soon'), ('review_overdue', 'Expert review overdue'), ('review_escalated', 'Expert review overdue (escalated to the methodist)'), ('review_assigned', 'Expert review assigned to you'), ('reviews_complete', "Reviews complete: the council's conclusion is due"), ('staffing_deadline', 'Staffing needs due soon'), ('staffing_overdue', 'Staffing needs overdue'), ('staffing_returned', 'Staffing needs returned for correction'), ('staffing_entered', 'Staffing needs entered by the methodist'), ('mentoring_task_overdue', 'Mentoring programme task overdue'), ('mentoring_pair_silent', 'Mentoring pair without activity for a month'), ('route_item_due', 'Route item due soon'), ('evidence_waiting', 'Evidence waiting for the tutor'), ('certificate_issued', 'Certificate issued')], max_length=40, verbose_name='kind')),
                ('channel', models.CharField(choices=[('email', 'E-mail digest and in the portal'), ('in_app', 'In the portal only'), ('off', 'Off')], max_length=10, verbose_name='channel')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'notification preference',
                'verbose_name_plural': 'notification preferences',
                'constraints': [models.UniqueConstraint(fields=('user', 'kind'), name='notifications_preference_unique')],
            },
        ),
    ]
