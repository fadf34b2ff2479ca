"""A certificate authority of our own for the tests of signed documents (cryptography), and signing a PDF's empty
field with pyHanko, as a director's signing software would."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class TestCA:
    root_pem: bytes
    signer: object  # pyhanko SimpleSigner


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kiểm thử"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _usage(**on) -> x509.KeyUsage:
    flags = dict(digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
                 key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)
    flags.update(on)
    return x509.KeyUsage(**flags)


def make_ca(common: str = "CA Kiểm thử", signer_name: str = "Nguyễn Văn A",
            valid_from: datetime | None = None) -> TestCA:
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    start = valid_from or datetime.now(timezone.utc) - timedelta(days=1)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(_name(common))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .sign(root_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(signer_name)).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
            .sign(root_key, hashes.SHA256()))
    der = lambda c: c.public_bytes(serialization.Encoding.DER)  # noqa: E731
    signing_key = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    root_asn1 = asn1_x509.Certificate.load(der(root))
    signer = signers.SimpleSigner(signing_cert=asn1_x509.Certificate.load(der(cert)), signing_key=signing_key,
                                  cert_registry=SimpleCertificateStore.from_certs([root_asn1]))
    return TestCA(root.public_bytes(serialization.Encoding.PEM), signer)


def sign(data: bytes, ca: TestCA, field: str) -> bytes:
    """The PDF with its field `field` signed (an incremental update, as signing software does)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=ca.signer)
    return out.getvalue()


def append_annotation(data: bytes) -> bytes:
    """The file with a text annotation added on page 1 after signing: an unsigned change a signature must not
    cover up."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref = writer.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (50, 50, 250, 90)]),
        generic.NameObject("/Contents"): generic.TextStringObject("Đã sửa sau khi ký"),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
    }))
    annots = page.get("/Annots", generic.ArrayObject())
    annots = generic.ArrayObject(list(annots) + [note])
    page[generic.NameObject("/Annots")] = annots
    writer.mark_update(page_ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
