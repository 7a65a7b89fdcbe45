from csp_tui.state import outbox


def test_enqueue_and_claim_on_each_engine(store):
    entry = outbox.enqueue(store, kind="create_customer", payload={"domain": "a.cz"},
                           subject="A", dedupe_key="a.cz")
    claimed = outbox.claim_next(store)
    assert claimed is not None and claimed.id == entry.id
