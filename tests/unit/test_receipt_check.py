"""Receipts are decoded before they are kept: real photos and PDFs pass; polyglots, broken files and PDFs with
active content are refused with a reason (issue 17). Every file here is made by the test itself."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from partnerdesk.rules.text_checks import FILE_NAME_MESSAGE
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.expenses.receipt_check import (
    ACTIVE_CONTENT,
    HEIC_MESSAGE,
    IMAGE_MESSAGE,
    LOCKED_MESSAGE,
    PDF_MESSAGE,
    decoding_problem,
    image_problem,
    pdf_problem,
)
from partnerdesk.services.expenses.receipts import add_receipt, receipts_for_claim
from tests.builders import TINY_PNG, add_claim, add_line, add_person, tiny_pdf

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _image(kind: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, kind)
    return out.getvalue()


def _pdf_with(change) -> bytes:
    """tiny_pdf() rewritten by pypdf's writer after change(writer) has added something to it."""
    writer = PdfWriter(clone_from=io.BytesIO(tiny_pdf()))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(kind: str, **entries: str):
    def change(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for key, value in entries.items():
            action[NameObject(f"/{key}")] = TextStringObject(value)
        writer._root_object[NameObject("/OpenAction")] = action

    return change


@pytest.mark.parametrize(("content_type", "data"), [
    ("image/png", TINY_PNG),
    ("image/png", _image("PNG")),
    ("image/jpeg", _image("JPEG")),
    ("image/gif", _image("GIF")),
    ("image/tiff", _image("TIFF")),
    ("image/webp", _image("WEBP")),
    ("application/pdf", tiny_pdf()),
])  # fmt: skip
def test_real_photos_and_pdfs_are_kept(content_type, data):
    assert decoding_problem(data, content_type) is None


def test_a_png_header_in_front_of_a_web_page_is_refused():
    assert image_problem(b"\x89PNG\r\n\x1a\n" + HTML, "PNG") == IMAGE_MESSAGE


def test_a_web_page_riding_after_a_whole_png_is_refused():
    assert image_problem(TINY_PNG + HTML, "PNG") == IMAGE_MESSAGE


def test_a_photo_cut_off_part_way_is_refused():
    photo = _image("PNG", (300, 200))
    assert image_problem(photo[: len(photo) // 2], "PNG") == IMAGE_MESSAGE
    jpeg = _image("JPEG", (300, 200))
    assert image_problem(jpeg[: len(jpeg) // 2], "JPEG") == IMAGE_MESSAGE


def test_a_file_is_only_decoded_as_the_type_its_first_bytes_claim():
    # A real GIF given a JPEG's first bytes must not be opened as a GIF because Pillow guessed it.
    assert image_problem(b"\xff\xd8\xff" + _image("GIF"), "JPEG") == IMAGE_MESSAGE


def test_heic_photos_are_refused_with_what_to_do_instead():
    assert decoding_problem(b"\x00\x00\x00\x18ftypheic" + bytes(40), "image/heic") == HEIC_MESSAGE


def test_a_pdf_that_does_not_parse_is_refused():
    assert pdf_problem(b"%PDF-1.4 a receipt") == PDF_MESSAGE
    assert pdf_problem(b"%PDF-1.7\n" + HTML) == PDF_MESSAGE
    whole = tiny_pdf()
    assert pdf_problem(whole[: len(whole) // 3]) == PDF_MESSAGE


def _script_on_open(writer: PdfWriter) -> None:
    writer.add_open_action(JavaScript("app.alert('hello');"))


def _script_in_names_tree(writer: PdfWriter) -> None:
    # Document-level JavaScript, as Acrobat writes it: run when the file opens, with no open action at all.
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), writer._add_object(script)])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


@pytest.mark.parametrize("change", [_script_on_open, _script_in_names_tree])
def test_a_pdf_with_javascript_is_refused(change):
    assert pdf_problem(_pdf_with(change)) == ACTIVE_CONTENT["/JavaScript"]
    assert "JavaScript" in ACTIVE_CONTENT["/JavaScript"] == ACTIVE_CONTENT["/JS"]


@pytest.mark.parametrize(("change", "reason"), [
    (_open_action("/JavaScript", JS="app.alert(1)"), "/JavaScript"),
    (_open_action("/Launch", F="calc.exe"), "/Launch"),
    (lambda writer: writer.add_attachment("note.txt", b"hidden"), "/EmbeddedFiles"),
])  # fmt: skip
def test_a_pdf_with_active_content_is_refused_with_the_reason(change, reason):
    assert pdf_problem(_pdf_with(change)) == ACTIVE_CONTENT[reason]


def test_a_page_that_runs_an_action_when_shown_is_refused():
    def change(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("x")})
        writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})

    assert pdf_problem(_pdf_with(change)) == ACTIVE_CONTENT["/AA"]


def test_a_pdf_that_opens_at_its_first_page_is_fine():
    def change(writer: PdfWriter) -> None:
        writer._root_object[NameObject("/OpenAction")] = writer.pages[0].indirect_reference

    assert pdf_problem(_pdf_with(change)) is None


def test_a_pdf_locked_with_a_password_is_refused():
    assert pdf_problem(_pdf_with(lambda writer: writer.encrypt("secret", algorithm="RC4-128"))) == LOCKED_MESSAGE


def test_adding_a_receipt_decodes_it_and_checks_its_name(store):
    claim_id = add_claim(store, add_person(store))
    line = add_line(store, claim_id)
    with store.transaction() as session:
        with pytest.raises(ValidationError) as polyglot:
            add_receipt(session, line, "receipt.png", b"\x89PNG\r\n\x1a\n" + HTML)
        assert polyglot.value.messages == {"file": IMAGE_MESSAGE}
        with pytest.raises(ValidationError) as script:
            add_receipt(session, line, "receipt.pdf", _pdf_with(_script_on_open))
        assert script.value.messages == {"file": ACTIVE_CONTENT["/JavaScript"]}
        with pytest.raises(ValidationError) as hidden:
            add_receipt(session, line, "receipt\u202egnp.exe", TINY_PNG)
        assert hidden.value.messages == {"file": FILE_NAME_MESSAGE}
        with pytest.raises(ValidationError):
            add_receipt(session, line, "receipt\x00.png", TINY_PNG)
        assert receipts_for_claim(session, claim_id) == []
        add_receipt(session, line, "till receipt.pdf", tiny_pdf())
        add_receipt(session, line, "ticket.png", TINY_PNG)
        assert [r.filename for r in receipts_for_claim(session, claim_id)] == ["till receipt.pdf", "ticket.png"]
