"""Run the generator from tests, small by default."""

from django.core.management import call_command


def generate(**sizes) -> None:
    options = {"mous": 200, "projects": 100, "parties": 60, "seed": 7, **sizes}
    call_command(
        "generate_synthetic_data", *[f"--{k}={v}" for k, v in options.items()], verbosity=0
    )
