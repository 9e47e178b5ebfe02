from wijkwijs.models.classification import ClassifiedPage
from wijkwijs.models.communities import (
    CommunityIndexPage,
    CommunityPage,
    CommunityTag,
    MeetingDocument,
    MeetingPage,
)
from wijkwijs.models.home import HomePage
from wijkwijs.models.municipalities import (
    MunicipalityFact,
    MunicipalityIndexPage,
    MunicipalityPage,
    MunicipalityTag,
)
from wijkwijs.models.themes import ThemeIndexPage, ThemePage, ThemeTag

__all__ = [
    "ClassifiedPage",
    "CommunityIndexPage",
    "CommunityPage",
    "CommunityTag",
    "HomePage",
    "MeetingDocument",
    "MeetingPage",
    "MunicipalityFact",
    "MunicipalityIndexPage",
    "MunicipalityPage",
    "MunicipalityTag",
    "ThemeIndexPage",
    "ThemePage",
    "ThemeTag",
]
