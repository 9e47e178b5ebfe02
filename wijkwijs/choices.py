"""The fixed lists of the taxonomy: provinces and the comparison topics of municipality
facts with their allowed values. A leaf module: models, facts and comparison read it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRIESLAND = "friesland", "Fryslân"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"


class TeamModel(models.TextChoices):
    TEAM = "teammodel", _("Vast team per wijk")  # not "Teammodel", the topic's own name
    FRONT_BACK_OFFICE = "front-backoffice", _("Front- en backoffice")
    NETWORK = "netwerkmodel", _("Netwerkmodel")
    CASE_DIRECTION = "casusregie", _("Casusregie")
    NONE = "geen", _("Geen wijkteams")


class Stage(models.TextChoices):
    ALL_DISTRICTS = "uitrol", _("Uitrol in alle wijken")
    EXPERIMENTS = "experimenten", _("Experimenten")
    PREPARING = "voorbereiding", _("In voorbereiding")
    NONE = "geen", _("Geen")


class Origin(models.TextChoices):
    BOTTOM_UP = "van-onderop", _("Van onderop")
    TOP_DOWN = "van-bovenaf", _("Van bovenaf")


class FactTopic(models.TextChoices):
    POPULATION = "inwoners", _("Inwoners")
    TEAM_MODEL = "teammodel", _("Teammodel")
    STAGE = "fase", _("Fase")
    ORIGIN = "ontstaan", _("Ontstaan")
    COMPOSITION = "samenstelling", _("Samenstelling team")
    OTHER = "overig", _("Overig")


# Topics whose value must be one of a fixed list, so comparisons line up.
CHOICE_TOPICS = {
    FactTopic.TEAM_MODEL: TeamModel,
    FactTopic.STAGE: Stage,
    FactTopic.ORIGIN: Origin,
}
