"""Dask: extract_bag on a real two-process LocalCluster gives the single-process results."""

from __future__ import annotations

import pytest

from conftest import shared_path

pytest.importorskip("dask.bag", reason="the [dask] extra is not installed")
pytest.importorskip("distributed", reason="the [dask] extra is not installed")


def test_extract_bag_on_a_local_cluster_equals_one_process(extractor) -> None:  # type: ignore[no-untyped-def]
    import dask.bag as db
    from distributed import Client, LocalCluster

    from zhreport_extract.dask import extract_bag, extract_partition

    texts = sorted(shared_path("corpus", "dev", "texts").glob("*.txt"))
    docs: list[object] = [{"doc_id": p.stem, "text": p.read_text(encoding="utf-8")} for p in texts]
    docs += ["推送信息657条，阅读量达22.12万次。", None, ("pair", "参与群众4000多人。"), {"id": "no-text"}, 42]
    expected = [r.to_json_dict() for r in extractor.extract_batch(docs)]
    assert sum(bool(d["errors"]) for d in expected) == 3
    assert sum(len(d["facts"]) for d in expected) > 100

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as cluster, Client(cluster) as client:
        bag = db.from_sequence(docs, npartitions=6)
        got = [r.to_json_dict() for r in extract_bag(bag).compute()]
        assert got == expected
        # the map_partitions form (one partition here: ``start`` is where the documents begin)
        flat = db.from_sequence(docs[-5:], npartitions=1).map_partitions(extract_partition, start=len(docs) - 5)
        assert [r.to_json_dict() for r in flat.compute()] == expected[-5:]
        # one extractor per worker process, reused by its tasks
        pids = client.run(lambda: __import__("os").getpid())
        assert len(set(pids.values())) == 2
        built = client.run(lambda: len(__import__("zhreport_extract.dask", fromlist=["_"])._extractors))
        assert set(built.values()) <= {1}
