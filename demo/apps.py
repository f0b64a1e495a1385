from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Developer tooling: the demo cities that `make run` shows, and the generated cities that
    benchmarks, load tests and the dashboard's scale tests run on (`manage.py load_demo`,
    `load_scorecard_demo`, `generate_cities`). Nothing in the app imports it."""

    name = "demo"
    verbose_name = "Demo and generated data"
