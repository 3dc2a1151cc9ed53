from django.apps import AppConfig
from django.contrib.auth.signals import user_login_failed


class CareerfitConfig(AppConfig):
    name = "careerfit"
    verbose_name = "careerfit"

    def ready(self) -> None:
        from careerfit import checks  # noqa: F401 - registers the checks
        from careerfit.throttle import count_login_failure

        user_login_failed.connect(count_login_failure, dispatch_uid="careerfit-login-failures")
