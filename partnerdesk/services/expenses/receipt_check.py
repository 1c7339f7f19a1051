"""Checking a receipt by decoding it, not by its first bytes: an image must open with Pillow, a PDF must parse with
pypdf and carry no active content (JavaScript, launch actions, automatic actions, embedded files).

Receipts are opened later by managers and finance officers on other PCs, so a file that only looks like a receipt
(a web page behind a PNG header, a PDF that runs a script when opened) is refused with a plain reason.
Both libraries are imported only when a receipt is added, to keep them out of the app's start-up.
"""

from __future__ import annotations

import io
from typing import Any

from partnerdesk.i18n import N_, _

#: Pillow's format name for each receipt type it can decode. HEIC is missing: Pillow can't open it.
_PILLOW_FORMATS = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/tiff": "TIFF",
    "image/webp": "WEBP",
}
#: Far above any phone camera (48 megapixels) or A4 scan at 600 dpi (35), and far below what would fill the memory.
MAX_PIXELS = 100_000_000
#: A PNG's last chunk, with its checksum: nothing may follow it.
_PNG_END = b"IEND\xaeB`\x82"

IMAGE_MESSAGE = (
    N_("This file looks like a photo at first, but it can't be opened as one: it may be damaged, or something else "
    "given a photo's name. Please take the photo or scan again and add the new file.")
)
HEIC_MESSAGE = (
    N_("PartnerDesk can't open HEIC photos (the iPhone's own format) to check them. Please save the photo as JPEG "
    "(on an iPhone: Settings, Camera, Formats, Most Compatible) and add it again.")
)
PIXELS_MESSAGE = N_("This picture is too big to open safely. Please take a smaller photo or scan, and add that.")
PDF_MESSAGE = (
    N_("This file looks like a PDF at first, but it can't be read as one: it may be damaged or only partly saved. "
    "Please save or scan it again and add the new file.")
)
LOCKED_MESSAGE = (
    N_("This PDF is protected by a password, so it can't be checked. Please save a copy without the password "
    "(or print it to a new PDF) and add that.")
)
#: Active content, by what a PDF names it: each is refused with the reason in plain words.
ACTIVE_CONTENT = {
    "/JavaScript": N_(
        "This PDF contains JavaScript (a program that runs when the file is opened). "
        "Please print it to a new PDF, or scan the paper receipt, and add that instead."
    ),
    "/JS": N_(
        "This PDF contains JavaScript (a program that runs when the file is opened). "
        "Please print it to a new PDF, or scan the paper receipt, and add that instead."
    ),
    "/Launch": N_(
        "This PDF tries to start another program when it is opened. "
        "Please print it to a new PDF, or scan the paper receipt, and add that instead."
    ),
    "/AA": N_(
        "This PDF runs actions by itself (when it is opened, closed or a page is shown). "
        "Please print it to a new PDF, or scan the paper receipt, and add that instead."
    ),
    "/EmbeddedFiles": N_(
        "This PDF has other files hidden inside it. "
        "Please print it to a new PDF, or scan the paper receipt, and add that instead."
    ),
    "/EmbeddedFile": N_(
        "This PDF has other files hidden inside it. "
        "Please print it to a new PDF, or scan the paper receipt, and add that instead."
    ),
}


def decoding_problem(data: bytes, content_type: str | None) -> str | None:
    """Why a receipt of this type (from rules.expenses.receipt_type) can't be kept once decoded, or None."""
    if content_type == "application/pdf":
        return pdf_problem(data)
    if content_type == "image/heic":
        return _(HEIC_MESSAGE)
    if content_type in _PILLOW_FORMATS:
        return image_problem(data, _PILLOW_FORMATS[content_type])
    return _(IMAGE_MESSAGE)


def image_problem(data: bytes, pillow_format: str) -> str | None:
    """Why these bytes are not a whole image in this format (Pillow's name, e.g. "PNG"), or None."""
    from PIL import Image

    try:
        # Only the format its first bytes claim: never let Pillow guess (EPS, for one, would start Ghostscript).
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            if image.width * image.height > MAX_PIXELS:
                return _(PIXELS_MESSAGE)
            image.verify()  # the file's structure and checksums
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            image.load()  # every pixel: a cut-off or padded file fails here
    except Image.DecompressionBombError:
        return _(PIXELS_MESSAGE)
    except Exception:  # Pillow raises many kinds of error for a bad file; any of them means "not an image"
        return _(IMAGE_MESSAGE)
    if pillow_format == "PNG" and not data.endswith(_PNG_END):
        return _(IMAGE_MESSAGE)  # something after the picture's end marker: a web page or program riding along
    return None


def pdf_problem(data: bytes) -> str | None:
    """Why these bytes are not a PDF that is safe to keep (unreadable, locked, or with active content), or None."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return _(LOCKED_MESSAGE)
        if len(reader.pages) < 1:
            return _(PDF_MESSAGE)
        return _active_content(reader.trailer)
    except Exception:  # pypdf raises many kinds of error for a broken file; any of them means "can't be read"
        return _(PDF_MESSAGE)


def _active_content(trailer: Any) -> str | None:
    """The reason for the first active content reachable from the document's trailer, or None.

    Walks every dictionary and array (following references once each), so a script hidden in an annotation, a
    form field, a page or the names tree is found as well as one in the document's open action.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    waiting: list[Any] = [trailer]
    while waiting:
        item = waiting.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # stream objects are dictionaries too; their data is not read
            for name, value in item.items():
                if name in ACTIVE_CONTENT:
                    return _(ACTIVE_CONTENT[name])
                if name in ("/S", "/Type") and isinstance(value, str) and value in ACTIVE_CONTENT:  # an action's kind
                    return _(ACTIVE_CONTENT[value])
                waiting.append(value)
        elif isinstance(item, ArrayObject):
            waiting.extend(item)
    return None
