"""A small demo module, loaded by tests of `clearinghouse demo` in place of the apps' own."""

from django_tasks import task

from clearinghouse.accounts.models import User

DEMO_LOGINS = [("demo.tester@example.org", "demo-password-2026", "registered user")]
calls: list[str] = []


def load_demo(stdout=None) -> None:
    calls.append("load")
    User.objects.get_or_create(
        email="demo.tester@example.org", defaults={"username": "demo.tester@example.org"}
    )
    if stdout:
        stdout.write("1 demo person")


ran: list[str] = []


@task()
def other_task() -> None:
    ran.append("other")
