from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """A whole assessment out of one installation and into another, in an open format."""

    name = "exchange"
