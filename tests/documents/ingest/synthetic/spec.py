"""An invented research note, as a tree of headings with body text (no real people)."""

from dataclasses import dataclass, field

TITLE = "Buurtkamers als ontmoetingsplek in Veldhoven-Zuid"
DATE_LINE = "maart 2021"
AUTHORS = [
    ("Ilse Verhoeven", "onderzoeker, Kenniscentrum Wijkwerk"),
    ("Ruben Aksoy", "adviseur, Gemeente Veldhoven"),
]
CONTACT = "Vragen over deze notitie: i.verhoeven@kenniscentrum-wijkwerk.example, tel. 040 123 45 67"

SENTENCES = [
    "De buurtkamers zijn in twee jaar uitgegroeid tot een vaste plek voor bewoners.",
    "Vrijwilligers openen de deuren en zorgen voor koffie, een krant en een luisterend oor.",
    "Daarnaast richt het wijkteam zich op bewoners die de weg naar hulp niet vanzelf vinden.",
    "In de gesprekken noemden bewoners vooral de vaste openingstijden als reden om te komen.",
    "Wel is in de tweede helft van het jaar het aantal bezoekers op doordeweekse avonden gedaald.",
    "Het beheer ligt bij een stichting die ook het buurthuis en de speeltuin onderhoudt.",
    "Professionals schuiven aan op vaste momenten, zodat vragen snel bij de juiste persoon komen.",
    "Immers, als een bewoner eenmaal vertrouwen heeft, volgt een hulpvraag vaak vanzelf.",
]


@dataclass
class Part:
    level: int
    number: str
    heading: str
    sentences: int = 3
    children: list["Part"] = field(default_factory=list)


def casus(numbers_and_titles):
    return [Part(3, f"Casus {n}", title, 2) for n, title in numbers_and_titles]


CHAPTERS = [
    Part(
        1,
        "1",
        "Aanleiding",
        3,
        [
            Part(
                2,
                "1.1",
                "Waarom de gemeente buurtkamers wilde openen in de wijken ten zuiden van de kern",
                4,
            ),
            Part(2, "1.2", "Vraagstelling", 3),
        ],
    ),
    Part(
        1,
        "2",
        "Werkwijze",
        2,
        [
            Part(
                2,
                "2.1",
                "Gesprekken met bewoners, vrijwilligers en professionals uit het wijkteam",
                3,
                casus(
                    [
                        (1, "Een vaste koffieochtend"),
                        (2, "Een buurtmaaltijd die bleef"),
                        (3, "De klusjesdienst"),
                    ]
                ),
            ),
            Part(2, "2.2", "Tellingen van bezoekers", 3),
        ],
    ),
    Part(
        1,
        "3",
        "Bevindingen",
        3,
        [
            Part(
                2,
                "3.1",
                "Wat de buurtkamers opleveren",
                3,
                casus([(1, "Minder eenzaamheid in de flat"), (2, "Sneller hulp bij schulden")]),
            ),
            Part(2, "3.2", "Waar het schuurt tussen vrijwilligers en professionals", 3),
        ],
    ),
    Part(1, "4", "Conclusies en aanbevelingen", 3),
]

APPENDIX = Part(1, "Bijlage 1", "Bezoekersaantallen per buurtkamer", 1)
TABLE = [
    ("Buurtkamer", "2019", "2020", "Vrijwilligers"),
    ("De Linde", "1.240", "980", "14"),
    ("Het Anker", "860", "1.105", "9"),
    ("Zuiderpoort", "2.010", "1.730", "21"),
]


def walk(parts=None):
    for part in CHAPTERS if parts is None else parts:
        yield part
        yield from walk(part.children)


def body(part, offset=0):
    """Invented sentences for a part, varied by its position."""
    start = (len(part.heading) + offset) % len(SENTENCES)
    return " ".join(SENTENCES[(start + i) % len(SENTENCES)] for i in range(part.sentences))
