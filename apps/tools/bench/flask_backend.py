"""The original design's backend, for `npm run bench:apps -- --flask` only: Flask under gunicorn over MySQL.

Two routes of the design (GET /health with the database's status, GET /api/projects), the same query and
JSON shape as apps/backend. One connection per gunicorn worker (a sync worker serves one request at a time,
so that is its pool), reconnected when it drops. Not part of the product; nothing imports it.
"""
import json
import os

import pymysql
from flask import Flask, Response

PROJECTS_SQL = (
    "SELECT id, name, description, technologies, url, featured, created_at FROM projects "
    "ORDER BY featured DESC, sort_order, id"
)

app = Flask(__name__)
_conn = None


def db():
    global _conn
    if _conn is None:
        _conn = pymysql.connect(
            host=os.environ.get("DB_HOST", "127.0.0.1"),
            port=int(os.environ.get("DB_PORT", "3306")),
            user=os.environ.get("DB_USER", "root"),
            password=os.environ.get("DB_PASSWORD", ""),
            database=os.environ["DB_NAME"],
            charset="utf8mb4",
            autocommit=True,
            cursorclass=pymysql.cursors.DictCursor,
        )
    else:
        _conn.ping(reconnect=True)
    return _conn


def query(sql):
    with db().cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@app.get("/health")
def health():
    try:
        query("SELECT 1")
        return {"status": "ok", "db": "up"}
    except pymysql.MySQLError:
        return {"status": "degraded", "db": "down"}, 503


@app.get("/api/projects")
def projects():
    rows = query(PROJECTS_SQL)
    body = [
        {
            "id": row["id"],
            "name": row["name"],
            "description": row["description"] or "",
            "technologies": [t.strip() for t in (row["technologies"] or "").split(",") if t.strip()],
            "url": row["url"],
            "featured": bool(row["featured"]),
            "createdAt": row["created_at"].isoformat() + "Z",
        }
        for row in rows
    ]
    return Response(json.dumps(body), mimetype="application/json")


# The bench waits for one such line per worker, as it does for the Node apps.
print(json.dumps({"msg": "listening", "port": int(os.environ["PORT"])}), flush=True)
