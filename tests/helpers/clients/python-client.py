"""Drives Debian's python3-elasticsearch (7.17) against Lateral's Elasticsearch layer.

usage: python3 python-client.py URL KEY AUTH ACTION [FILE]
  AUTH: apikey | basic | wrong
  ACTION: info | ping | bulk | streaming_bulk | parallel_bulk | gzip_bulk
Prints one JSON line with the outcome. The helpers run with their default batch settings
(chunk_size 500, max_chunk_bytes 100 MB); documents go as `index` actions with `_id` = event.id.
"""
import json
import sys

from elasticsearch import Elasticsearch, helpers

url, key, auth, action = sys.argv[1:5]
path = sys.argv[5] if len(sys.argv) > 5 else None

options = {"http_compress": action == "gzip_bulk", "request_timeout": 120}
if auth == "apikey":
    options["api_key"] = key
elif auth == "basic":
    options["http_auth"] = ("elastic", key)
else:
    options["api_key"] = "not-a-key"
client = Elasticsearch(url, **options)


def actions():
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                yield {"_op_type": "index", "_index": "logs-endpoint.events.process-default", "_id": doc["event"]["id"], "_source": doc}


def errors_of(items):
    out = []
    for item in items:
        (op, result), = item.items()
        out.append({"id": result.get("_id"), "status": result.get("status"), "type": (result.get("error") or {}).get("type")})
    return out


if action == "info":
    info = client.info()
    print(json.dumps({"version": info["version"]["number"], "tagline": info["tagline"]}))
elif action == "ping":
    print(json.dumps({"ping": client.ping()}))
elif action in ("bulk", "gzip_bulk"):
    ok, errors = helpers.bulk(client, actions(), raise_on_error=False)
    print(json.dumps({"ok": ok, "errors": errors_of(errors)}))
elif action == "streaming_bulk":
    ok, failed = 0, []
    for success, item in helpers.streaming_bulk(client, actions(), raise_on_error=False):
        if success:
            ok += 1
        else:
            failed.append(item)
    print(json.dumps({"ok": ok, "errors": errors_of(failed)}))
elif action == "parallel_bulk":
    ok, failed = 0, []
    for success, item in helpers.parallel_bulk(client, actions(), raise_on_error=False):
        if success:
            ok += 1
        else:
            failed.append(item)
    print(json.dumps({"ok": ok, "errors": errors_of(failed)}))
else:
    raise SystemExit("unknown action " + action)
