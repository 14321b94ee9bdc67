"""The sweep as it runs in production: enqueued by sla_beat, executed by db_worker processes
through the database task backend."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from complaintdesk.sla.models import SlaFiring
from complaintdesk.sla.tasks import sla_sweep_task

from .test_sweep import assigned_letter, hk_setup

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_sla_beat_enqueues_a_sweep_that_two_database_workers_run_once_each_firing_once():
    # Given an overdue letter (received in March, swept now)
    tree, handler, _ = hk_setup()
    complaint = assigned_letter(tree, handler)
    # When the beat enqueues two sweeps and the workers drain the queue
    call_command("sla_beat", once=True)
    sla_sweep_task.enqueue()
    call_command("db_worker", batch=True, no_startup_delay=True, worker_id="worker-a")
    call_command("db_worker", batch=True, no_startup_delay=True, worker_id="worker-b")
    # Then both sweeps ran, and each clock's breach, and the escalation, exist once
    results = DBTaskResult.objects.filter(task_path__endswith="sla_sweep_task")
    assert results.count() == 2
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
    breaches = SlaFiring.objects.filter(complaint=complaint, kind="breach")
    assert sorted(breaches.values_list("clock__name", flat=True)) == ["progress_update", "reply"]
    assert SlaFiring.objects.filter(complaint=complaint, kind="escalation").count() == 1
