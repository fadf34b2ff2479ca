"""The administrator installs a trust root from its certificate file, sees it, removes it; a broken file is refused
in Vietnamese; the chair may not open the screen."""

from __future__ import annotations

from tests.helpers import app_test, as_user, texts
from tests.signing import make_ca


def _open(username: str):
    at = as_user(app_test("pages/admin_trust_roots.py"), username).run()
    assert not at.exception, at.exception
    return at


def test_the_administrator_installs_and_removes_a_root(db_url):
    at = _open("admin")
    assert "Chưa cài chứng thư gốc nào" in texts(at)
    at.file_uploader(key="roots_upload").set_value(("ca.pem", make_ca("CA Ban Cơ yếu thử").root_pem,
                                                    "application/x-pem-file")).run()
    next(b for b in at.button if b.label == "Cài chứng thư gốc").click().run()
    assert not at.exception, at.exception
    assert "Đã cài chứng thư gốc." in texts(at)
    assert "CA Ban Cơ yếu thử" in at.dataframe[0].value.to_csv()
    next(b for b in at.button if b.label == "Gỡ chứng thư gốc").click().run()
    assert "Đã gỡ chứng thư gốc." in texts(at) and "Chưa cài chứng thư gốc nào" in texts(at)


def test_a_file_that_is_not_a_certificate_is_refused(db_url):
    at = _open("admin")
    at.file_uploader(key="roots_upload").set_value(("x.pem", b"not a certificate", "application/x-pem-file")).run()
    next(b for b in at.button if b.label == "Cài chứng thư gốc").click().run()
    assert "không phải là chứng thư số" in texts(at)


def test_the_chair_may_not_open_the_trust_roots(db_url):
    assert "không có quyền mở trang này" in texts(_open("chair"))
