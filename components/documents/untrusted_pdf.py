"""A PDF somebody uploaded as evidence (minh chứng), checked by its content before it is kept and handed to every
member who opens the unit's sheet: read with pypdf, it must parse, hold no active content (scripts, actions run on
opening, launched programs, embedded files, forms that submit or import, rich media, XFA) anywhere its document
reaches, and nothing may follow its last end-of-file marker or hide another format inside (a polyglot: a ZIP or an
HTML page that is also a PDF). A file that fails is refused, never stored.

Bounded: at most MAX_OBJECTS objects are visited, so a file built to be walked for ever is refused too."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from components.rules.errors import DomainError

MAX_OBJECTS = 20_000
# the names of what a viewer runs or opens by itself
ACTIVE = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia",
          "/XFA", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/Sound", "/Movie", "/Rendition"}
OTHER_FORMATS = (b"PK\x03\x04", b"<html", b"<HTML", b"<script", b"<SCRIPT", b"<svg", b"<?php", b"MZ\x90\x00")
_TRAILING = re.compile(rb"%%EOF\s*\Z")


def check_pdf(content: bytes, name: str = "") -> None:
    """Refuse (DomainError) a PDF that cannot be read, carries active content or is also another kind of file."""
    tail = content[-1024:]
    if not _TRAILING.search(tail) or any(sig in content for sig in OTHER_FORMATS):
        raise DomainError("evidence_pdf_polyglot", name=name)
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise DomainError("evidence_pdf_encrypted", name=name)
        found = _active_names(reader)
    except DomainError:
        raise
    except Exception:  # noqa: BLE001  pypdf raises many kinds on a damaged file: each one is a refusal
        raise DomainError("evidence_pdf_unreadable", name=name) from None
    if found:
        raise DomainError("evidence_pdf_active", name=name, what=", ".join(sorted(n.lstrip("/") for n in found)))


def _active_names(reader: PdfReader) -> set[str]:
    """The active names found walking every object the document reaches from its trailer, and every object of the
    file's cross-reference table (an action need not be reachable to be dangerous in some viewers)."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    for num, gen in _all_references(reader):
        stack.append(IndirectObject(num, gen, reader))
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise DomainError("evidence_pdf_unreadable")
        if isinstance(node, DictionaryObject):
            for k, v in node.items():
                if k == "/OpenAction" and _opens_a_page(v):
                    pass  # a destination (open at page 1, fit width): what PDF writers put there, nothing runs
                elif k in ACTIVE:
                    found.add(str(k))
                if k == "/S" and isinstance(v, NameObject) and v in ACTIVE:
                    found.add(str(v))
                stack.append(v)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return found


def _opens_a_page(value) -> bool:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(value, ArrayObject):
        return True
    return isinstance(value, DictionaryObject) and value.get("/S") == "/GoTo"


def _all_references(reader: PdfReader):
    for gen, objects in reader.xref.items():
        for num in objects:
            yield num, gen
    for num in reader.xref_objStm:
        yield num, 0
