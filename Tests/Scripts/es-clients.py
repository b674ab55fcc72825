#!/usr/bin/env python3
"""Drives `scour serve` with the official Elasticsearch and OpenSearch
Python clients (from PyPI), as an application would: searches (match,
bool, range on date, highlight, paging, count, get) and writes (bulk, index,
delete).

    es-clients.py URL INDEX

The server must serve the fixture pages (Tests/Fixtures/index-format-4-source)
with --es-compat-header. Prints one line per check and exits 1 on the first
failure, naming it.
"""
import sys

url, index = sys.argv[1], sys.argv[2]
failures = 0


def check(name, condition, detail=""):
    global failures
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures += 1


def drive(client, label, errors, helpers):
    info = client.info()
    check(f"{label}: info answers with a version", "number" in info.get("version", {}), info)

    body = {"query": {"match": {"text": "river bridge"}}, "size": 5,
            "highlight": {"fields": {"text": {}}}, "track_total_hits": True}
    first = client.search(index=index, body=body)
    hits = first["hits"]["hits"]
    check(f"{label}: match finds pages", len(hits) == 5, first)
    check(f"{label}: an exact total", first["hits"]["total"]["relation"] == "eq" and first["hits"]["total"]["value"] > 5,
          first["hits"]["total"])
    check(f"{label}: highlights mark the words", "<em>" in hits[0].get("highlight", {}).get("text", [""])[0], hits[0])
    check(f"{label}: _source has title and url", "title" in hits[0]["_source"] and "url" in hits[0]["_source"], hits[0])

    # Paging: from/size gives the same ranking, a page at a time.
    page = client.search(index=index, body={"query": body["query"], "from": 2, "size": 3})
    check(f"{label}: from/size pages through the ranking",
          [h["_id"] for h in page["hits"]["hits"]] == [h["_id"] for h in hits[2:5]], page)

    boolean = client.search(index=index, body={"query": {"bool": {
        "must": [{"match": {"text": "river"}}],
        "must_not": [{"match": {"title": "museum"}}],
        "filter": [{"term": {"site": "north.example.org"}}]}}, "size": 50})
    titles = [h["_source"]["title"].lower() for h in boolean["hits"]["hits"]]
    urls = [h["_source"].get("url", "") for h in boolean["hits"]["hits"]]
    check(f"{label}: bool must/must_not/filter", titles and not any("museum" in t for t in titles)
          and all("north.example.org" in u for u in urls), titles[:5])

    counted = client.count(index=index, body={"query": {"match": {"text": "river"}}})["count"]
    everything = client.search(index=index, body={"query": {"match": {"text": "river"}}, "track_total_hits": True, "size": 0})
    check(f"{label}: count equals the exact total", counted == everything["hits"]["total"]["value"],
          (counted, everything["hits"]["total"]))

    document = client.get(index=index, id=hits[0]["_id"])
    check(f"{label}: get by id", document["found"] and document["_source"]["title"] == hits[0]["_source"]["title"], document)

    try:
        client.get(index=index, id="no-such-document")
        check(f"{label}: a missing id is not found", False, "no error")
    except errors.NotFoundError:
        check(f"{label}: a missing id is not found", True)

    try:
        client.search(index=index, body={"query": {"range": {"date": {"gte": "2020"}}}})
        check(f"{label}: an unsupported query is refused", False, "answered")
    except errors.RequestError as error:
        check(f"{label}: an unsupported query is refused", "range" in str(error), error)

    # Writes: bulk-index, search, update, delete, count.
    word = label.split("-")[0] + "zebra"
    actions = [{"_index": index, "_id": f"{label}-{n}", "_source": {"title": f"{word} report {n}",
                "text": f"The {word} herd number {n} crossed the river at dawn.", "url": f"https://zoo.example.edu/{label}/{n}",
                "date": "2026-11-30"}} for n in range(3)]
    indexed, failed = helpers.bulk(client, actions, refresh="wait_for")
    check(f"{label}: bulk indexes documents", indexed == 3 and not failed, (indexed, failed))
    found = client.search(index=index, body={"query": {"match": {"text": word}}, "track_total_hits": True})
    check(f"{label}: bulk-indexed documents are found", found["hits"]["total"]["value"] == 3, found["hits"])
    dated = client.search(index=index, body={"query": {"bool": {"must": {"match": {"text": word}},
                          "filter": {"range": {"date": {"gte": "2026-11", "lte": "2026"}}}}},
                          "sort": [{"date": "desc"}], "track_total_hits": True})
    older = client.count(index=index, body={"query": {"bool": {"must": {"match": {"text": word}},
                         "filter": {"range": {"date": {"lt": "2026"}}}}}})["count"]
    check(f"{label}: a date range keeps the pages of that period", dated["hits"]["total"]["value"] == 3 and older == 0,
          (dated["hits"]["total"], older))
    client.index(index=index, id=f"{label}-0", body={"title": "replaced", "text": "Nothing about the herd now."}, refresh="wait_for")
    client.delete(index=index, id=f"{label}-1", refresh="wait_for")
    counted = client.count(index=index, body={"query": {"match": {"text": word}}})["count"]
    check(f"{label}: index replaces and delete removes", counted == 1, counted)
    check(f"{label}: a written document reads back", client.get(index=index, id=f"{label}-2")["_source"]["url"].endswith("/2"))


from elasticsearch import Elasticsearch, helpers as es_helpers
import elasticsearch
drive(Elasticsearch(url, request_timeout=30), "elasticsearch-py", elasticsearch, es_helpers)

from opensearchpy import OpenSearch, helpers as os_helpers
import opensearchpy.exceptions
drive(OpenSearch([url], timeout=30), "opensearch-py", opensearchpy.exceptions, os_helpers)

sys.exit(1 if failures else 0)
