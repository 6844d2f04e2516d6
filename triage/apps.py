from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom form"

    def ready(self):
        from triage import (
            checks,  # noqa: F401  (registers the questionnaire check)
            signals,  # noqa: F401
        )
