"""Quieter logs on a development machine (`make run`)."""

import logging


class TaskLifecycleFilter(logging.Filter):
    """Drop the worker's two INFO lines per task (started, succeeded): the first sweep alone
    queues a hundred mail tasks, whose lines would bury the start-up banner. A failed task is
    logged at ERROR with its traceback, and still shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "django_tasks" and record.levelno <= logging.INFO)
