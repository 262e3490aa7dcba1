"""The original design's frontend proxy, for `npm run bench:apps -- --flask` only: Flask + requests.

GET /api/<path> is fetched from BACKEND_URL with requests (one kept-alive Session per gunicorn worker) and
answered with the backend's status, body and content type; GET /health answers locally. Not part of the
product; nothing imports it.
"""
import json
import os

import requests
from flask import Flask, Response

BACKEND_URL = os.environ["BACKEND_URL"]
app = Flask(__name__)
session = requests.Session()


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/api/<path:rest>")
def api(rest):
    upstream = session.get(f"{BACKEND_URL}/api/{rest}", timeout=30)
    return Response(
        upstream.content,
        status=upstream.status_code,
        content_type=upstream.headers.get("Content-Type", "application/json"),
    )


print(json.dumps({"msg": "listening", "port": int(os.environ["PORT"])}), flush=True)
