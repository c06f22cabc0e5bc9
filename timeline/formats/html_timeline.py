"""A self-contained HTML page that draws the events on a time axis, one lane per leader.

Everything is in the one file: the events as a JSON data block, the CSS and the script
that draws them as SVG when the page opens. The page fetches nothing: its Content
Security Policy (`default-src 'none'`, the script and style allowed by their SHA-256
hashes) makes the browser refuse any request, so it works offline and leaks no reads.

The drawing: a time axis across the top; a lane per person (most active first), then one
per country or organization taking part (past a dozen lanes, those in only one event
share a last "N others" lane); each event drawn in the lane of every participant, joined
by a thin line. An event known to the day is a dot; one dated to a
range (a week, a month, "late 2024", a multi-day summit) is a bar over that range, with
a dashed outline. Every mark links to the event's entry below the chart, which quotes
the evidence sentences and links to the articles and the reference source. Data is put
into the page with `textContent` and attributes only, never parsed as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from timeline.formats.timelinejs import safe_url
from timeline.services.export import headline, links

KIND_ORDER = {"person": 0, "country": 1, "organization": 2}
NO_PARTICIPANT = "(no participants)"
MAX_LANES = 12

STYLE = """
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --rule: #d8dde5; }
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px 40px; font: 14px/1.45 system-ui, -apple-system,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 20px; margin: 0 0 2px; }
p.subtitle { margin: 0 0 12px; color: var(--muted); }
#legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 10px; color: var(--muted); }
#legend span.key { display: inline-flex; align-items: center; gap: 5px; }
#legend svg { vertical-align: middle; }
#chart { width: 100%; overflow-x: auto; border-top: 1px solid var(--rule);
  border-bottom: 1px solid var(--rule); }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  fill: var(--ink); }
svg .tick line { stroke: #e6e9ee; }
svg .tick text { fill: var(--muted); font-size: 11px; }
svg .lane-bg { fill: #f6f8fa; }
svg .lane-label { font-weight: 600; }
svg .lane-label.other { font-weight: 400; fill: var(--muted); }
svg .connector { stroke: #9aa3af; stroke-width: 1; }
svg .t-meeting { fill: #1f77b4; stroke: #1f77b4; } svg .t-call { fill: #2ca02c; stroke: #2ca02c; }
svg .t-message { fill: #9467bd; stroke: #9467bd; }
svg .t-invitation { fill: #8c564b; stroke: #8c564b; }
svg .t-attendance { fill: #ff7f0e; stroke: #ff7f0e; }
svg .t-agreement { fill: #17becf; stroke: #17becf; }
svg .t-sanction { fill: #d62728; stroke: #d62728; }
svg circle.mark { stroke: #fff; stroke-width: 1.5; }
svg rect.mark { fill-opacity: 0.3; stroke-width: 1.5; stroke-dasharray: 3 2; }
svg .planned .mark { fill-opacity: 0.12; }
svg .negated .mark { fill: #b8bec7; stroke: #b8bec7; }
svg a:hover .mark, svg a:focus .mark { stroke: #111; stroke-width: 2; }
h2 { font-size: 16px; margin: 24px 0 8px; }
#events article { padding: 8px 0 10px; border-bottom: 1px solid var(--rule); }
#events article:target { background: #fff8d6; }
#events h3 { font-size: 14px; margin: 0; }
#events h3 .when { color: var(--muted); font-weight: 400; margin-right: 8px; }
#events p { margin: 2px 0; }
#events .facts { color: var(--muted); }
#events blockquote { margin: 4px 0 4px 12px; padding-left: 8px;
  border-left: 3px solid var(--rule); }
#events .sources a { margin-right: 10px; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var data = JSON.parse(document.getElementById("timeline-data").textContent);

  function svg(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function tag(name, text, parent, cls) {
    var node = document.createElement(name);
    if (text !== null && text !== undefined) { node.textContent = text; }
    if (cls) { node.className = cls; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function day(iso) {
    var p = iso.split("-");
    return Date.UTC(Number(p[0]), Number(p[1]) - 1, Number(p[2]));
  }
  function link(href, text, parent) {
    var a = tag("a", text, parent);
    a.href = href;
    a.rel = "noopener noreferrer";
    return a;
  }

  // --- legend -----------------------------------------------------------------------
  var legend = document.getElementById("legend");
  data.types.forEach(function (type) {
    var key = tag("span", null, legend, "key");
    var icon = svg("svg", { width: 12, height: 12 }, key);
    svg("circle", { cx: 6, cy: 6, r: 5, "class": "t-" + type }, icon);
    tag("span", type, key);
  });
  var shapes = tag("span", null, legend, "key");
  var dot = svg("svg", { width: 46, height: 12 }, shapes);
  svg("circle", { cx: 6, cy: 6, r: 5, "class": "t-meeting" }, dot);
  svg("rect", { x: 16, y: 2, width: 28, height: 8, rx: 3, "class": "mark t-meeting" }, dot);
  tag("span", "a known day; a date range (uncertain or several days)", shapes);

  // --- chart ------------------------------------------------------------------------
  var chart = document.getElementById("chart");
  var dated = data.events.filter(function (e) { return e.start; });
  var lanes = data.lanes;
  var width = Math.max(900, (chart.clientWidth || 1200) - 2);
  var left = 210, right = 24, top = 34, laneH = 26;
  var height = top + Math.max(lanes.length, 1) * laneH + 12;
  var root = svg("svg", {
    id: "timeline-svg", width: width, height: height, viewBox: "0 0 " + width + " " + height,
    role: "img", "aria-label": data.title
  }, chart);

  var first = Infinity, last = -Infinity;
  dated.forEach(function (e) {
    first = Math.min(first, day(e.start));
    last = Math.max(last, day(e.end) + DAY);
  });
  if (!dated.length) { first = Date.UTC(2000, 0, 1); last = Date.UTC(2001, 0, 1); }
  var pad = Math.max((last - first) * 0.03, 20 * DAY);
  first -= pad; last += pad;
  function x(t) { return left + (t - first) / (last - first) * (width - left - right); }

  // ticks: years (1, 2, 5, 10, 20, 50 apart) or months (1, 2, 3, 6 apart)
  var ticks = svg("g", { "class": "ticks" }, root);
  var years = (last - first) / (365.25 * DAY);
  var from = new Date(first), to = new Date(last);
  function tick(t, label) {
    var g = svg("g", { "class": "tick" }, ticks);
    svg("line", { x1: x(t), x2: x(t), y1: top - 6, y2: height - 6 }, g);
    if (x(t) + 40 < width) {
      svg("text", { x: x(t) + 3, y: top - 10 }, g).textContent = label;
    }
  }
  if (years > 2) {
    var step = [1, 2, 5, 10, 20, 50, 100].find(function (s) { return years / s <= 14; }) || 100;
    var lastYear = to.getUTCFullYear();
    for (var y = Math.ceil(from.getUTCFullYear() / step) * step; y <= lastYear; y += step) {
      var t = Date.UTC(y, 0, 1);
      if (t >= first && t <= last) { tick(t, String(y)); }
    }
  } else {
    var months = years * 12;
    var mstep = [1, 2, 3, 6].find(function (s) { return months / s <= 14; }) || 12;
    var names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    var m = from.getUTCFullYear() * 12 + from.getUTCMonth() + 1;
    m = Math.ceil(m / mstep) * mstep;
    for (; m <= to.getUTCFullYear() * 12 + to.getUTCMonth(); m += mstep) {
      var tm = Date.UTC(Math.floor(m / 12), m % 12, 1);
      tick(tm, names[m % 12] + " " + Math.floor(m / 12));
    }
  }

  // lanes
  var laneGroup = svg("g", { "class": "lanes" }, root);
  lanes.forEach(function (lane, i) {
    var y0 = top + i * laneH;
    if (i % 2 === 0) {
      svg("rect", { x: 0, y: y0, width: width, height: laneH, "class": "lane-bg" }, laneGroup);
    }
    var label = svg("text", {
      x: 8, y: y0 + laneH / 2 + 4,
      "class": "lane-label" + (lane.kind === "person" ? "" : " other"),
      "data-lane": i
    }, laneGroup);
    label.textContent = lane.name;
  });

  // events
  var marks = svg("g", { "class": "events" }, root);
  dated.forEach(function (e) {
    var a = svg("a", { href: "#event-" + e.id }, marks);
    var g = svg("g", {
      "class": "event " + e.status, "data-event": e.id, "data-type": e.type
    }, a);
    svg("title", {}, g).textContent = e.date + " · " + e.headline;
    var xs = x(day(e.start)), xe = x(day(e.end) + DAY);
    var ys = e.lanes.map(function (i) { return top + i * laneH + laneH / 2; });
    var cx = (xs + xe) / 2;
    if (ys.length > 1) {
      svg("line", {
        x1: cx, x2: cx, y1: Math.min.apply(null, ys), y2: Math.max.apply(null, ys),
        "class": "connector"
      }, g);
    }
    ys.forEach(function (yy) {
      if (e.point) {
        svg("circle", { cx: cx, cy: yy, r: 5.5, "class": "mark t-" + e.type }, g);
      } else {
        var w = Math.max(xe - xs, 10);
        svg("rect", {
          x: cx - w / 2, y: yy - 6, width: w, height: 12, rx: 3, "class": "mark t-" + e.type
        }, g);
      }
    });
  });
  root.setAttribute("data-rendered", String(dated.length));

  // --- the list of events with their evidence -----------------------------------------
  var list = document.getElementById("events");
  function entry(e) {
    var item = tag("article", null, list);
    item.id = "event-" + e.id;
    var h = tag("h3", null, item);
    tag("span", e.date, h, "when");
    tag("span", e.headline, h);
    if (e.participants.length) { tag("p", e.participants.join(", "), item); }
    tag("p", e.facts, item, "facts");
    e.evidence.forEach(function (ev) {
      var q = tag("blockquote", ev.sentence, item);
      if (ev.href) {
        q.appendChild(document.createTextNode(" "));
        link(ev.href, "(" + (ev.label || "source") + ")", q);
      } else if (ev.label) {
        q.appendChild(document.createTextNode(" (" + ev.label + ")"));
      }
    });
    if (e.links.length) {
      var p = tag("p", "Evidence: ", item, "sources");
      e.links.forEach(function (l) { link(l.href, l.text, p); });
    }
  }
  data.events.forEach(function (e) { if (e.start) { entry(e); } });
  var undated = data.events.filter(function (e) { return !e.start; });
  if (undated.length) {
    tag("h2", "Undated", list);
    undated.forEach(entry);
  }
  document.body.setAttribute("data-ready", "yes");
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src '{script_hash}'; style-src '{style_hash}'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeline export">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<h1>{title}</h1>
<p class="subtitle">{subtitle}</p>
<div id="legend"></div>
<div id="chart"></div>
<h2>Events</h2>
<section id="events"></section>
<noscript><p>This page draws the timeline with JavaScript;
the events are in the data block of its source.</p></noscript>
<script type="application/json" id="timeline-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def render_html(records: Sequence[dict[str, Any]], title: str, subtitle: str = "") -> str:
    """The whole page as one string."""
    lanes, lane_of = _lanes(records)
    events = [_event(record, lane_of) for record in records]
    types = sorted({r["type"] for r in records})
    payload = {"title": title, "lanes": lanes, "events": events, "types": types}
    return PAGE.format(
        title=escape(title),
        subtitle=escape(subtitle),
        style=STYLE,
        script=SCRIPT,
        style_hash=_csp_hash(STYLE),
        script_hash=_csp_hash(SCRIPT),
        data=_script_json(payload),
    )


def _lanes(records: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[Any, int]]:
    """People first (most events first, then by name), then countries and organizations."""
    counts: Counter[Any] = Counter()
    who: dict[Any, dict[str, Any]] = {}
    for record in records:
        if record["start"] is None:
            continue
        ids = {p["actor_id"] for p in record["participants"]} or {None}
        for participant in record["participants"]:
            who.setdefault(participant["actor_id"], participant)
        if not record["participants"]:
            who.setdefault(None, {"name": NO_PARTICIPANT, "kind": "other"})
        counts.update(ids)
    order = sorted(
        who,
        key=lambda a: (KIND_ORDER.get(who[a]["kind"], 3), -counts[a], who[a]["name"]),
    )
    # A summit with thirty guests should not bury the two leaders the export is about:
    # past MAX_LANES, those in a single event share one last lane.
    rest = [a for a in order if counts[a] < 2] if len(order) > MAX_LANES else []
    if len(rest) < 2:
        rest = []
    own = [a for a in order if a not in set(rest)]
    lanes = [{"name": who[a]["name"], "kind": who[a]["kind"]} for a in own]
    lane_of = {a: i for i, a in enumerate(own)}
    if rest:
        lanes.append({"name": f"{len(rest)} others", "kind": "other"})
        lane_of.update({a: len(own) for a in rest})
    return lanes, lane_of


def _event(record: dict[str, Any], lane_of: dict[Any, int]) -> dict[str, Any]:
    start: date | None = record["start"]
    end: date | None = record["end"] or start
    ids = list(dict.fromkeys(p["actor_id"] for p in record["participants"])) or [None]
    facts = [record["type"], record["status"]]
    if record.get("location"):
        facts.append(str(record["location"]))
    if record.get("date_text"):
        facts.append(f"reported as “{record['date_text']}”")
    if record["precision"] not in ("day", "unknown"):
        facts.append(f"precision: {record['precision']}")
    return {
        "id": record["id"],
        "type": record["type"],
        "status": record["status"],
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "point": start is not None and start == end,
        "date": record["date"],
        "headline": headline(record),
        "participants": [f"{p['name']} ({p['role']})" for p in record["participants"]],
        "facts": " · ".join(facts),
        "lanes": sorted({lane_of[a] for a in ids if a in lane_of}),
        "evidence": [
            {
                "sentence": item["sentence"],
                "href": item["url"] if safe_url(item.get("url")) else None,
                "label": ", ".join(
                    str(v) for v in (item.get("source"), _iso(item.get("published"))) if v
                ),
            }
            for item in record["evidence"]
        ],
        "links": [link for link in links(record) if safe_url(link["href"])],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _script_json(payload: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element early, whatever the data says."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
