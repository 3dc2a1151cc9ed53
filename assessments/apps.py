from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from django.utils.translation import gettext, ngettext

        from assessments import scoring

        # Scoring's sentences and labels, in the language of the page being drawn.
        scoring.use_translation(gettext=gettext, ngettext=ngettext)
