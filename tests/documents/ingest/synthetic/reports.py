"""Three more invented Dutch reports (no real people or places), each written in its own
layouts by ``report_writers.py``: an evaluation with lettered sub-headings ("a. …"), a
municipal note whose only title is its running header with steps ("Stap 1 …"), and a
research note titled only in its Word properties with questions ("Vraag 2 …"). Chapters
"1.", sections "1.1" whose headings wrap, sub-headings numbered within each section, a
list announcing them, a tally, a signature with e-mail addresses and phone numbers, and
"Bijlage 1/2" appendices with tables."""

from dataclasses import dataclass, field


@dataclass
class Sub:
    label: str  # as printed before the heading: "a.", "Stap 1", "Vraag 2"
    heading: str

    @property
    def number(self) -> str:
        return self.label.rstrip(".:").split()[-1]

    @property
    def printed(self) -> str:
        """The heading as the golden outline holds it: a letter is the number only, a
        labelled sub-heading keeps its label ("Stap 1 Verkennen")."""
        return self.heading if self.label.endswith(".") else f"{self.label} {self.heading}"


@dataclass
class Section:
    number: str
    heading: str
    subs: list[Sub] = field(default_factory=list)
    tally: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Chapter:
    number: str
    heading: str
    sections: list[Section] = field(default_factory=list)


@dataclass
class Appendix:
    number: str
    heading: str
    table: list[tuple[str, ...]]


@dataclass
class Report:
    key: str
    title: str
    date_line: str
    year: int
    signers: list[tuple[str, str, str, str]]  # name, organisation, e-mail, phone
    chapters: list[Chapter]
    appendices: list[Appendix]
    sentences: list[str]
    announcement: str  # the sentence before the list of coming sub-headings
    bullet: str  # how that list marks its items ("" for the labels themselves)
    footer: str  # page furniture, "{page}" for the page number
    publisher_line: str = ""
    publisher: str = ""
    contact: str = ""

    def headings(self) -> list[dict]:
        """The printed headings in order, as a golden outline lists them."""
        out = []
        for chapter in self.chapters:
            out.append({"level": 1, "number": chapter.number, "heading": chapter.heading})
            for section in chapter.sections:
                out.append({"level": 2, "number": section.number, "heading": section.heading})
                out += [
                    {"level": 3, "number": s.number, "heading": s.printed} for s in section.subs
                ]
        for appendix in self.appendices:
            label = f"Bijlage {appendix.number} {appendix.heading}"
            out.append({"level": 1, "number": appendix.number, "heading": label})
        return out

    def body(self, position: int, count: int = 3) -> str:
        return " ".join(
            self.sentences[(position * 3 + i) % len(self.sentences)] for i in range(count)
        )


BUURTBUDGET = Report(
    key="evaluatie-buurtbudget",
    title="Evaluatie van het buurtbudget in Hoogeveld",
    date_line="juni 2013",
    year=2013,
    signers=[
        (
            "Marieke Kuipers",
            "Onderzoeksbureau Wijkzaken",
            "m.kuipers@wijkzaken.example",
            "030 234 56 78",
        ),
        (
            "Joost van Leeuwen",
            "Gemeente Hoogeveld",
            "j.vanleeuwen@hoogeveld.example",
            "0528 12 34 56",
        ),
    ],
    chapters=[
        Chapter(
            "1",
            "Inleiding",
            [
                Section(
                    "1.1",
                    "Waarom bewoners sinds 2011 zelf over een deel van het wijkbudget beslissen",
                ),
                Section("1.2", "Vragen van de evaluatie"),
            ],
        ),
        Chapter(
            "2",
            "Opzet van de evaluatie",
            [
                Section(
                    "2.1",
                    "Bronnen die we hebben gebruikt om de aanvragen en hun uitvoering te volgen",
                    [
                        Sub("a.", "Gesprekken met aanvragers"),
                        Sub("b.", "Onderzoek van de dossiers"),
                        Sub("c.", "Een enquête onder bewoners"),
                    ],
                ),
                Section(
                    "2.2",
                    "Aantallen aanvragen",
                    tally=[("Ingediend", "64"), ("Toegekend", "41"), ("Afgewezen", "15")],
                ),
            ],
        ),
        Chapter(
            "3",
            "Resultaten",
            [
                Section(
                    "3.1",
                    "Wat de aanvragen in de buurt hebben opgeleverd",
                    [
                        Sub("a.", "Groen en spelen"),
                        Sub("b.", "Ontmoeting tussen oude en nieuwe bewoners"),
                    ],
                ),
                Section(
                    "3.2",
                    "Knelpunten bij de uitvoering en de verantwoording van de toegekende bedragen",
                ),
            ],
        ),
        Chapter("4", "Conclusies en aanbevelingen"),
    ],
    appendices=[
        Appendix(
            "1",
            "Aanvragen per buurt",
            [
                ("Buurt", "Ingediend", "Toegekend", "Bedrag"),
                ("Noordhoek", "22", "15", "18.400"),
                ("Molenwijk", "27", "17", "21.950"),
                ("Vaartzicht", "15", "9", "9.300"),
            ],
        ),
        Appendix(
            "2",
            "Geïnterviewde partijen",
            [
                ("Partij", "Gesprekken"),
                ("Bewonersgroepen", "11"),
                ("Welzijnsstichting", "3"),
                ("Gemeente", "4"),
            ],
        ),
    ],
    sentences=[
        (
            "Bewoners konden tot een bedrag van vijfduizend "
            "euro aanvragen voor een plan in hun straat."
        ),
        "Een commissie van zeven buurtbewoners beoordeelde de plannen elke twee maanden.",
        "De meeste aanvragen gingen over speelplekken, plantenbakken en buurtfeesten.",
        "Aanvragers vonden het formulier kort, maar de termijn tot het besluit te lang.",
        "De wijkregisseur hielp groepen die voor het eerst een plan schreven op weg.",
        "Niet elke straat deed mee: in twee buurten kwam geen enkele aanvraag binnen.",
        "Waar een plan werd uitgevoerd, kenden buren elkaar na afloop beter dan daarvoor.",
        "De verantwoording achteraf kostte vrijwilligers meer tijd dan zij hadden verwacht.",
        "Het budget werd in beide jaren bijna volledig besteed.",
    ],
    announcement="In deze paragraaf bespreken we achtereenvolgens:",
    bullet="",  # the list repeats the labels: "a. Gesprekken met aanvragers"
    footer="Pagina {page}",
    publisher_line="Uitgave: Onderzoeksbureau Wijkzaken, Utrecht",
    publisher="Onderzoeksbureau Wijkzaken",
)

WIJKAANPAK = Report(
    key="notitie-wijkaanpak",
    title="Notitie wijkaanpak Oosterpark",
    date_line="september 2018",
    year=2018,
    signers=[
        (
            "Sanne Dekker",
            "programmamanager wijkaanpak",
            "s.dekker@lindeveld.example",
            "06 12 34 56 78",
        ),
    ],
    chapters=[
        Chapter(
            "1",
            "Aanleiding",
            [
                Section(
                    "1.1",
                    (
                        "De afspraken die de gemeente en "
                        "de corporaties in 2017 over Oosterpark maakten"
                    ),
                ),
                Section("1.2", "Doel van deze notitie"),
            ],
        ),
        Chapter(
            "2",
            "Aanpak in stappen",
            [
                Section(
                    "2.1",
                    (
                        "Van een eerste verkenning in de straten "
                        "tot een gedragen plan voor de hele wijk"
                    ),
                    [
                        Sub("Stap 1", "Verkennen"),
                        Sub("Stap 2", "Ophalen wat bewoners willen"),
                        Sub("Stap 3", "Kiezen en vastleggen"),
                    ],
                ),
                Section(
                    "2.2",
                    "Uitvoering en bijsturing",
                    [
                        Sub("Stap 1", "Starten met kleine ingrepen"),
                        Sub("Stap 2", "Elk halfjaar terugkijken"),
                    ],
                ),
            ],
        ),
        Chapter(
            "3",
            "Organisatie",
            [
                Section(
                    "3.1", "Wie doet wat", tally=[("Wijkteam", "6 fte"), ("Corporaties", "2 fte")]
                ),
            ],
        ),
        Chapter("4", "Besluit"),
    ],
    appendices=[
        Appendix(
            "1",
            "Planning",
            [
                ("Stap", "Wanneer", "Wie"),
                ("Verkennen", "najaar 2018", "wijkteam"),
                ("Ophalen", "voorjaar 2019", "bewoners en wijkteam"),
                ("Vastleggen", "zomer 2019", "college"),
            ],
        ),
        Appendix(
            "2",
            "Begroting",
            [
                ("Post", "2019", "2020"),
                ("Bewonersavonden", "12.000", "8.000"),
                ("Kleine ingrepen", "45.000", "60.000"),
                ("Totaal", "57.000", "68.000"),
            ],
        ),
    ],
    sentences=[
        (
            "Oosterpark staat al jaren bovenaan de lijst "
            "van wijken met de meeste meldingen van overlast."
        ),
        "De corporaties willen de komende tien jaar ruim vierhonderd woningen opknappen.",
        "Bewoners hebben laten weten dat zij eerst willen zien dat er iets verandert.",
        "Het wijkteam kent de straten goed en heeft contact met de meeste bewonersgroepen.",
        "Elke stap eindigt met een korte terugkoppeling aan de bewoners die meededen.",
        "Het college neemt pas een besluit nadat de wijkraad zijn advies heeft gegeven.",
        "De kosten worden gedeeld tussen de gemeente en de twee corporaties.",
        "Na twee jaar volgt een evaluatie waarin bewoners zelf aan het woord komen.",
    ],
    announcement="De aanpak kent de volgende stappen:",
    bullet="• ",
    footer="- {page} -",
    publisher_line="Deze notitie is een uitgave van de gemeente Lindeveld.",
    publisher="Gemeente Lindeveld",
    contact="Vragen over deze notitie kunt u stellen via wijkaanpak@lindeveld.example of 14 0599.",
)

VRIJWILLIGERS = Report(
    key="onderzoek-vrijwilligers",
    title="Waarom haken vrijwilligers in de zorg af?",
    date_line="november 2016",
    year=2016,
    signers=[
        (
            "Eva Brouwer",
            "Hogeschool Rijnland, lectoraat Wijkzorg",
            "e.brouwer@hsrijnland.example",
            "071 555 01 23",
        ),
        (
            "Hamid Ouali",
            "Vrijwilligerscentrale Rijnland",
            "h.ouali@vcrijnland.example",
            "071 555 98 76",
        ),
    ],
    chapters=[
        Chapter(
            "1",
            "Achtergrond",
            [
                Section(
                    "1.1",
                    (
                        "Het aantal vrijwilligers in de thuiszorg "
                        "daalt terwijl de vraag naar hulp stijgt"
                    ),
                ),
                Section("1.2", "Onderzoeksvragen"),
            ],
        ),
        Chapter(
            "2",
            "Wat vrijwilligers ons vertelden",
            [
                Section(
                    "2.1",
                    "Redenen om te beginnen, gebleken uit de gesprekken met dertig vrijwilligers",
                    [
                        Sub("Vraag 1", "Hoe kwam u bij de organisatie terecht?"),
                        Sub("Vraag 2", "Wat hoopte u te doen?"),
                    ],
                ),
                Section(
                    "2.2",
                    "Redenen om te stoppen",
                    [
                        Sub("Vraag 1", "Wanneer dacht u voor het eerst aan stoppen?"),
                        Sub("Vraag 2", "Wat had u kunnen houden?"),
                    ],
                    tally=[("Ja", "31"), ("Nee", "12"), ("Weet niet", "5")],
                ),
            ],
        ),
        Chapter("3", "Conclusies"),
    ],
    appendices=[
        Appendix(
            "1",
            "Respons per organisatie",
            [
                ("Organisatie", "Benaderd", "Gesproken"),
                ("Thuishulp Rijnland", "18", "12"),
                ("Maatjesproject", "14", "10"),
                ("Mantelzorgpunt", "11", "8"),
            ],
        ),
        Appendix(
            "2",
            "Gebruikte vragenlijst",
            [("Onderdeel", "Vragen"), ("Begin", "4"), ("Ervaringen", "9"), ("Afscheid", "5")],
        ),
    ],
    sentences=[
        (
            "Vrijwilligers in de zorg doen boodschappen, rijden "
            "mee naar het ziekenhuis of komen op visite."
        ),
        "De helft van de vrijwilligers die wij spraken was al met pensioen.",
        "Velen begonnen na een oproep in het huis-aan-huisblad of via een buurvrouw.",
        "Wie stopte, noemde vaker het gebrek aan begeleiding dan de zwaarte van het werk.",
        "Een vaste contactpersoon bij de organisatie maakt volgens hen het grootste verschil.",
        "Sommige vrijwilligers voelden zich een goedkope vervanging van betaalde krachten.",
        "Jonge vrijwilligers willen vooral flexibel kunnen inplannen wanneer zij helpen.",
        "Een afscheidsgesprek werd bij geen van de organisaties standaard gevoerd.",
    ],
    announcement="We stelden de vrijwilligers steeds dezelfde twee vragen:",
    bullet="– ",
    footer="{page}",
)

REPORTS = {report.key: report for report in (BUURTBUDGET, WIJKAANPAK, VRIJWILLIGERS)}
