"""Files shipped with PartnerDesk (style sheet, icons), found the same way from source and from a bundle."""

from __future__ import annotations

from importlib.resources import files


def read_text(name: str) -> str:
    """The text of a file in partnerdesk/resources."""
    return files("partnerdesk").joinpath("resources", name).read_text(encoding="utf-8")
