from django.apps import AppConfig


class CareerfitConfig(AppConfig):
    name = "careerfit"
    verbose_name = "careerfit"

    def ready(self) -> None:
        from careerfit import checks  # noqa: F401 - registers the checks
