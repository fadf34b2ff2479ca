"""Checking a signed PDF with pyHanko: every signature intact and cryptographically valid, covering the whole file
(after the last signature nothing but what signing software adds for long-term validation; after an earlier one
nothing but the filling of the next signature field), the signer's certificate chained to one of the given trust
roots, and a signing time (present, not in the future, within the signer's certificate). It also gives the bytes
the first signer started from (the file up to the revision before the first signature), which the db layer compares
with the hash of what the app generated.

The file is untrusted input: it is read with pyHanko's limits for untrusted input, nothing is fetched from the
network (no OCSP or CRL look-up: revocation is not checked), and anything that cannot be read comes back as the
problem "malformed", never as an exception. No Streamlit, no database.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

MAX_BYTES = 10 * 1024 * 1024  # a signed document of the cluster is well under 1 MB
CLOCK_SKEW = timedelta(minutes=5)
# after the last signature: a document security store or a document timestamp (long-term validation) only
LAST_SIGNATURE_ALLOWS = ("NONE", "LTA_UPDATES")
# after an earlier signature: the next signers filling their fields
EARLIER_SIGNATURE_ALLOWS = ("NONE", "LTA_UPDATES", "FORM_FILLING")
# every reason a signed file fails (err.signed_<code>); the last three are the db layer's (db/signed_documents.py)
PROBLEMS = ("too_large", "malformed", "no_signature", "no_trust_root", "broken", "untrusted", "not_whole_file",
            "no_time", "time_future", "time_outside_certificate", "no_original", "not_generated",
            "signed_before_generated", "other_document")


@dataclass(frozen=True)
class Problem:
    code: str  # err.signed_<code> in the catalogue
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SignerReport:
    field: str
    signer: str
    issuer: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    whole_file: bool  # covers the file, or only what the rules above allow after it
    time_ok: bool


@dataclass(frozen=True)
class CheckResult:
    signers: tuple[SignerReport, ...] = ()
    problems: tuple[Problem, ...] = ()
    # sha256 of the bytes the first signer started from, with or without the end-of-line after "%%EOF"
    original_hashes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.signers)


def load_certificate(data: bytes):
    """A certificate from PEM or DER bytes (asn1crypto, as pyHanko takes it); ValueError when it is not one."""
    from asn1crypto import pem, x509

    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = x509.Certificate.load(data)
        cert.native  # parse it all now: a broken certificate fails here, not in the middle of a validation
        return cert
    except Exception as exc:  # asn1crypto raises many kinds on bad input
        raise ValueError("not a certificate") from exc


def fingerprint(cert) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def _name(cert, part: str) -> str:
    """A certificate's subject or issuer as people read it: the common name and its organisation."""
    try:
        name = getattr(cert, part)
        native = name.native
        common = native.get("common_name")
        if isinstance(common, list):
            common = ", ".join(common)
        if not common:
            return name.human_friendly
        organisation = native.get("organization_name")
        if isinstance(organisation, list):
            organisation = ", ".join(organisation)
        return f"{common} ({organisation})" if organisation and organisation != common else common
    except Exception:
        return "?"


def _original_hashes(data: bytes, reader, first_revision: int) -> tuple[str, ...]:
    """The hashes of the file up to the end of the revision before `first_revision` ("%%EOF" and its line end)."""
    if first_revision < 1:
        return ()
    end = reader.xrefs.get_xref_container_info(first_revision - 1).end_location
    marker = data.find(b"%%EOF", end)
    if marker < 0:
        return ()
    stop = marker + 5
    candidates = {data[:stop]}
    for eol in (b"\r\n", b"\n", b"\r"):
        if data[stop:stop + len(eol)] == eol:
            candidates.add(data[:stop + len(eol)])
    return tuple(sorted(hashlib.sha256(c).hexdigest() for c in candidates))


def check_signed_pdf(data: bytes, trust_roots: list, *, now: datetime | None = None) -> CheckResult:
    """Every check on a signed PDF; trust_roots: certificates (asn1crypto, see load_certificate)."""
    now = now or datetime.now(timezone.utc)
    if len(data) > MAX_BYTES:
        return CheckResult(problems=(Problem("too_large", {"max_mb": MAX_BYTES // (1024 * 1024)}),))
    if not data.lstrip()[:5] == b"%PDF-":
        return CheckResult(problems=(Problem("malformed"),))
    try:
        return _check(data, list(trust_roots), now)
    except Exception:  # untrusted bytes: whatever pyHanko or asn1crypto cannot read is a malformed file
        logging.getLogger(__name__).info("signed PDF could not be read", exc_info=True)
        return CheckResult(problems=(Problem("malformed"),))


def _check(data: bytes, roots: list, now: datetime) -> CheckResult:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data))
    signatures = list(reader.embedded_signatures)
    if not signatures:
        return CheckResult(problems=(Problem("no_signature"),))
    problems: list[Problem] = []
    if not roots:
        problems.append(Problem("no_trust_root"))
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
    last_revision = max(s.signed_revision for s in signatures)
    reports = []
    for sig in sorted(signatures, key=lambda s: s.signed_revision):
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(sig, context, key_usage_settings=usage)
        name = sig.field_name
        cert = sig.signer_cert
        intact = bool(status.intact and status.valid)
        if not intact:
            problems.append(Problem("broken", {"field": name}))
        trusted = bool(status.trusted and status.bottom_line)
        if intact and roots and not trusted:
            problems.append(Problem("untrusted", {"field": name, "issuer": _name(cert, "issuer")}))
        allowed = LAST_SIGNATURE_ALLOWS if sig.signed_revision == last_revision else EARLIER_SIGNATURE_ALLOWS
        level = status.modification_level
        coverage = status.coverage.name if status.coverage is not None else "UNCLEAR"
        whole = coverage == "ENTIRE_FILE" or (coverage == "ENTIRE_REVISION" and bool(status.docmdp_ok)
                                              and level is not None and level.name in allowed)
        if not whole:
            problems.append(Problem("not_whole_file", {"field": name}))
        signed_at = status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
        time_ok = True
        if signed_at is None:
            problems.append(Problem("no_time", {"field": name}))
            time_ok = False
        else:
            validity = cert["tbs_certificate"]["validity"]
            not_before, not_after = validity["not_before"].native, validity["not_after"].native
            if signed_at > now + CLOCK_SKEW:
                problems.append(Problem("time_future", {"field": name}))
                time_ok = False
            elif not (not_before - CLOCK_SKEW <= signed_at <= not_after + CLOCK_SKEW):
                problems.append(Problem("time_outside_certificate", {"field": name}))
                time_ok = False
        reports.append(SignerReport(name, _name(cert, "subject"), _name(cert, "issuer"), signed_at, intact, trusted,
                                    whole, time_ok))
    first = min(s.signed_revision for s in signatures)
    hashes = _original_hashes(data, reader, first)
    if not hashes:
        problems.append(Problem("no_original"))
    return CheckResult(tuple(reports), tuple(problems), hashes)
