"""Evidence files (minh chứng) attached to a self-score: a PDF or an image, size-limited, its real type read from
its first bytes (a renamed executable is not a PDF whatever its name says). Plain functions."""

from __future__ import annotations

from components.rules.errors import DomainError

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
DOC_NO_MAX = 100
SUMMARY_MAX = 2000


def sniff_type(content: bytes) -> str | None:
    for magic, mime in SIGNATURES:
        if content.startswith(magic):
            return mime
    return None


def check_evidence_file(filename: str, content: bytes, max_bytes: int = MAX_EVIDENCE_BYTES) -> str:
    """The file's real type (PDF, PNG or JPEG) or a DomainError: empty, too large, or of another type."""
    if not content:
        raise DomainError("evidence_empty", name=filename)
    if len(content) > max_bytes:
        raise DomainError("evidence_too_large", name=filename, mb=max_bytes // (1024 * 1024))
    mime = sniff_type(content)
    if mime is None:
        raise DomainError("evidence_bad_type", name=filename)
    return mime


def check_evidence_text(doc_no: str | None, summary: str | None) -> None:
    if doc_no is not None and len(doc_no.strip()) > DOC_NO_MAX:
        raise DomainError("evidence_doc_no_long", max=DOC_NO_MAX)
    if summary is not None and len(summary.strip()) > SUMMARY_MAX:
        raise DomainError("evidence_summary_long", max=SUMMARY_MAX)
