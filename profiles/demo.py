"""The demo's exchange platform (called by demo.cities.load_demo): Glasgow and Kristiansand
publish profiles; five experiences of L1, L4, P2 and C2 actions from three cities, each
visibility used. Idempotent."""

from accounts.models import City, User
from experiences.models import Experience, Visibility
from experiences.services import save_experience
from maturity.models import Action, StakeholderGroup

from . import geo, services

PUBLISHED = {
    "glasgow": "Glasgow works with its communities, businesses and partners on a resilient "
    "city: our strategy is at https://www.glasgow.gov.uk/resilience\n\n"
    "Glasgow was a pilot city of the Smart Mature Resilience project.",
    "kristiansand": "Kristiansand shares what it learnt as an SMR pilot city.",
}

# (city, action code, visibility, language, title, what was done, stakeholder slugs)
EXPERIENCES = [
    (
        "glasgow",
        "L1S1",
        Visibility.PUBLIC,
        "en",
        "A resilience plan per department, then one for the city",
        "Each department named a resilience lead and wrote a one-page plan; the Resilience "
        "Office gathered them into the city's first plan within a year.",
    ),
    (
        "glasgow",
        "P2S1",
        Visibility.PARTNERS,
        "en",
        "Training the first responders together",
        "Joint training days for the fire service, police and the council's emergency team, "
        "twice a year, with an exercise at the end of each.",
    ),
    (
        "kristiansand",
        "L4S1",
        Visibility.SIGNED_IN,
        "nb",
        "Deling av planer med nabokommunene",
        "Vi delte beredskapsplanen med nabokommunene og holdt et felles seminar.",
    ),
    (
        "kristiansand",
        "L1S1",
        Visibility.CITY,
        "en",
        "Our internal notes on the department plans",
        "Draft notes for the city's own team only.",
    ),
    (
        "donostia",
        "C2M1",
        Visibility.PUBLIC,
        "es",
        "Red de cooperación con otras ciudades",
        "Firmamos acuerdos de cooperación con ciudades de la red SMR y compartimos "
        "ejercicios de simulación.",
    ),
]


def load_exchange_demo(version) -> None:
    for slug, text in PUBLISHED.items():
        city = City.objects.filter(slug=slug).first()
        if city is None:
            continue
        profile = services.profile_of(city)
        if profile.pk and profile.published:
            continue
        before = {name: getattr(profile, name) for name in services.SETTINGS}
        profile.published, profile.text = True, text
        profile.latitude, profile.longitude = geo.coordinates_for(city.name, city.country) or (
            None,
            None,
        )
        services.save_profile(profile, before, User.objects.get(email=f"editor@{slug}.demo"))
    for slug, code, visibility, language, title, done in EXPERIENCES:
        city = City.objects.filter(slug=slug).first()
        action = Action.objects.for_version(version).filter(code=code).first()
        if city is None or action is None or city.experiences.filter(title=title).exists():
            continue
        experience = Experience(
            city=city,
            action=action,
            title=title,
            what_was_done=done,
            context=f"{city.name}, as an SMR city.",
            outcome="",
            language=language,
            contact_role="Resilience Office",
            visibility=visibility,
        )
        stakeholders = StakeholderGroup.objects.filter(stage=action.stage)[:2]
        save_experience(
            experience,
            stakeholders,
            User.objects.get(email=f"editor@{slug}.demo"),
            created=True,
        )
