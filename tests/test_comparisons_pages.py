from tests.helpers import app_test, as_user, texts


def test_smoke(db_url):
    at = as_user(app_test("pages/comparisons.py"), "sonla").run()
    assert not at.exception, at.exception
    print(texts(at))
    at = as_user(app_test("pages/meeting.py"), "chair").run()
    assert not at.exception, at.exception
    print(texts(at))
