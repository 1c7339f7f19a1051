"""Files shipped with PartnerDesk (style sheet, fonts, desktop metadata), found installed or from a checkout.

They live in the top-level resources/ folder of the project. A built wheel (or a bundle) carries them inside the
package as partnerdesk/resources; a checkout, or an editable install of one, has them beside the package instead.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resources_root() -> Traversable:
    """The folder of shipped files: inside the installed package if it is there, else the checkout's resources/."""
    installed = files("partnerdesk").joinpath("resources")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """A shipped file, named by its path inside resources/ (for example resource("fonts", "DejaVuSans.ttf"))."""
    return resources_root().joinpath(*parts)


def read_text(name: str) -> str:
    """The text of a file in resources/."""
    return resource(name).read_text(encoding="utf-8")
