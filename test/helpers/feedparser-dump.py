"""Prints, as JSON, what Python's feedparser reads in feed files: one object per file.

Usage: python3 feedparser-dump.py DOCUMENT_URL FILE [FILE ...]
Each file is read as if fetched from DOCUMENT_URL (the base of relative links).
"""
import calendar
import datetime
import json
import sys

import feedparser


def utc_iso(parsed):
    if not parsed:
        return None
    stamp = calendar.timegm(parsed)
    return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def person(detail):
    return {"name": detail.get("name"), "href": detail.get("href"), "email": detail.get("email")}


def entry_of(entry):
    enclosures = [
        {"href": link.get("href"), "type": link.get("type"), "length": link.get("length")}
        for link in entry.get("links", [])
        if link.get("rel") == "enclosure"
    ]
    return {
        "id": entry.get("id"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "published": utc_iso(entry.get("published_parsed")),
        "updated": utc_iso(entry.get("updated_parsed")),
        "author": entry.get("author"),
        "authors": [person(a) for a in entry.get("authors", []) if a],
        "enclosures": enclosures,
    }


def main():
    url = sys.argv[1]
    out = {}
    for path in sys.argv[2:]:
        with open(path, "rb") as handle:
            data = handle.read()
        parsed = feedparser.parse(data, response_headers={"content-location": url, "content-type": "application/xml"})
        out[path] = {
            "version": parsed.get("version"),
            "bozo": bool(parsed.get("bozo")),
            "title": parsed.feed.get("title"),
            "link": parsed.feed.get("link"),
            "entries": [entry_of(e) for e in parsed.entries],
        }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
