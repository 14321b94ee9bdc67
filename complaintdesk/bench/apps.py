from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "complaintdesk.bench"
    verbose_name = "Benchmark"
