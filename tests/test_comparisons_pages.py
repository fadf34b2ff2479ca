from tests.helpers import app_test, as_user, texts


def test_smoke(db_url):
    at = as_user(app_test("pages/comparisons.py"), "laocai").run()
    el = at.get("vega_lite_chart")[0]
    p = el.proto
    print(p.ListFields()[:0] if False else [f[0].name for f in p.ListFields()])
    print(len(p.datasets), p.datasets[0].name, [f[0].name for f in p.datasets[0].ListFields()])
    d = p.datasets[0].data
    print([f[0].name for f in d.ListFields()])
    import pyarrow as pa
    print(pa.ipc.open_stream(d.data).read_pandas())
