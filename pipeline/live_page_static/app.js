// dyadwatch live page. Every piece of feed text reaches the DOM through textContent or
// createTextNode, never innerHTML: a headline holding <script> stays text.
"use strict";

const EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
  "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"];
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const MAX_KEPT = 5000;        // alerts held in the page
const MAX_SHOWN = 150;        // cards drawn
const DYAD_HOURS = 6;
const MATRIX_SIZE = 14;       // most active countries in the matrix

const state = {
  alerts: [],                 // {sid, ms, alert}, oldest first
  seen: new Set(),            // alert ids held: an alert is never shown twice
  lastId: null,               // newest stream id received
  names: {},
  filter: {country: "", pair: "", type: ""},
  fresh: new Set(),
  ready: false,
  received: 0,                // alert events received, and how many of them repeated one held
  repeated: 0,
};
window.dyadwatchPage = state;   // for tests and the curious: read-only use

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

const str = (value) => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));
const nameOf = (code) => state.names[code] || code;

function codesOf(alert) {
  const codes = new Set();
  for (const side of ["source", "target"]) {
    for (const actor of Array.isArray(alert[side]) ? alert[side] : []) {
      if (actor && typeof actor.code === "string" && actor.code) codes.add(actor.code);
    }
  }
  return [...codes].sort();
}

function pairsOf(alert) {
  const pairs = new Set();
  const side = (name) => (Array.isArray(alert[name]) ? alert[name] : []).map((a) => a && a.code).filter((c) => typeof c === "string" && c);
  const sources = side("source"), targets = side("target");
  const add = (a, b) => { if (a !== b) pairs.add([a, b].sort().join("-")); };
  if (targets.length) sources.forEach((a) => targets.forEach((b) => add(a, b)));
  else sources.forEach((a) => sources.forEach((b) => add(a, b)));
  return [...pairs];
}

// -- filters, kept in the URL ------------------------------------------------

function readFilter() {
  const params = new URLSearchParams(location.search);
  const clean = (value, pattern) => (pattern.test(value || "") ? value : "");
  state.filter = {
    country: clean((params.get("country") || "").toUpperCase(), /^[A-Z]{2,8}$/),
    pair: clean((params.get("pair") || "").toUpperCase(), /^[A-Z]{2,8}-[A-Z]{2,8}$/),
    type: clean((params.get("type") || "").toUpperCase(), /^[A-Z]{3,12}$/),
  };
  if (state.filter.pair) state.filter.pair = state.filter.pair.split("-").sort().join("-");
}

function writeFilter() {
  const params = new URLSearchParams();
  for (const key of ["country", "pair", "type"]) if (state.filter[key]) params.set(key, state.filter[key]);
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  render();
}

function setFilter(key, value) {
  state.filter[key] = value;
  writeFilter();
}

function matches(entry, ignorePair) {
  const {country, pair, type} = state.filter;
  const alert = entry.alert;
  if (type && alert.event !== type) return false;
  const codes = codesOf(alert);
  if (country && !codes.includes(country)) return false;
  if (pair && !ignorePair) {
    const [a, b] = pair.split("-");
    if (!codes.includes(a) || !codes.includes(b)) return false;
  }
  return true;
}

// -- alerts ------------------------------------------------------------------

function addAlert(sid, alert) {
  if (!alert || typeof alert !== "object" || typeof alert.id !== "string") return;
  if (state.lastId === null || compareIds(sid, state.lastId) > 0) state.lastId = sid;
  state.received += 1;
  if (state.seen.has(alert.id)) { state.repeated += 1; return; }
  state.seen.add(alert.id);
  state.alerts.push({sid, ms: Number(sid.split("-")[0]), alert});
  if (state.ready) {
    state.fresh.add(alert.id);
    setTimeout(() => state.fresh.delete(alert.id), 4000);
  }
  if (state.alerts.length > MAX_KEPT) {
    for (const old of state.alerts.splice(0, state.alerts.length - MAX_KEPT)) state.seen.delete(old.alert.id);
  }
  scheduleRender();
}

function compareIds(a, b) {
  const [am, as] = a.split("-").map(Number), [bm, bs] = b.split("-").map(Number);
  return am - bm || (as || 0) - (bs || 0);
}

function actorLabel(actors) {
  const list = Array.isArray(actors) ? actors : [];
  const frag = document.createDocumentFragment();
  list.forEach((actor, i) => {
    if (!actor) return;
    if (i) frag.appendChild(document.createTextNode(", "));
    const code = str(actor.code);
    frag.appendChild(el("span", {class: "country", title: str(actor.actorText)},
      el("strong", {text: nameOf(code)}), " ", el("span", {class: "code", text: code})));
  });
  if (!list.length) frag.appendChild(el("span", {class: "code", text: "—"}));
  return frag;
}

function evidence(alert) {
  const ev = alert.evidence && typeof alert.evidence === "object" ? alert.evidence : {};
  const sentence = str(ev.sentence || alert.text);
  const spans = [];
  const addSpan = (span, cls, label) => {
    if (!span || !Number.isInteger(span.start) || !Number.isInteger(span.end)) return;
    if (span.start < 0 || span.end > sentence.length || span.end <= span.start) return;
    spans.push({start: span.start, end: span.end, cls, label});
  };
  for (const span of Array.isArray(ev.actor_spans) ? ev.actor_spans : []) {
    const role = ["source", "target", "location"].includes(span && span.role) ? span.role : "actor";
    addSpan(span, "hl-" + role, role + (span && span.code ? " " + str(span.code) : ""));
  }
  addSpan(ev.trigger_span, "hl-trigger", "trigger");
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const block = el("blockquote", {class: "evidence"});
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;   // overlapping spans: the first wins
    if (span.start > at) block.appendChild(document.createTextNode(sentence.slice(at, span.start)));
    block.appendChild(el("mark", {class: span.cls, title: span.label, text: sentence.slice(span.start, span.end)}));
    at = span.end;
  }
  block.appendChild(document.createTextNode(sentence.slice(at)));
  return block;
}

function safeUrl(value) {
  try {
    const url = new URL(str(value));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

function timeText(ms) {
  const seconds = Math.max(0, (Date.now() - ms) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
  if (seconds < 86400) return Math.floor(seconds / 3600) + " h ago";
  return new Date(ms).toLocaleDateString();
}

function card(entry) {
  const alert = entry.alert;
  const quad = [1, 2, 3, 4].includes(alert.quad_class) ? alert.quad_class : 0;
  const url = safeUrl(alert.url);
  const title = str(alert.title) || "(no headline)";
  const arrow = alert.symmetric ? "↔" : "→";
  const conf = typeof alert.confidence === "number" ? alert.confidence.toFixed(2) : "?";
  const loc = alert.eventLoc && typeof alert.eventLoc === "object" ? alert.eventLoc : null;
  const when = new Date(entry.ms);
  const pairs = pairsOf(alert);
  return el("li", {class: "alert q" + quad + (state.fresh.has(alert.id) ? " fresh" : ""), "data-id": alert.id,
    "data-stream-id": entry.sid, "data-event": str(alert.event), "data-pair": pairs.join(" ")},
    el("div", {class: "row1"},
      el("span", {class: "badge q" + quad, title: QUAD_NAMES[quad] || ""}, el("span", {text: str(alert.event)}),
        alert.mode ? el("span", {class: "mode", text: str(alert.mode)}) : null),
      el("span", {class: "who"}, actorLabel(alert.source), el("span", {class: "arrow", text: ` ${arrow} `}),
        actorLabel(alert.target)),
      loc && loc.code ? el("span", {class: "where", text: "in " + (str(loc.name) || nameOf(str(loc.code)))}) : null,
      alert.planned ? el("span", {class: "flag", text: "planned"}) : null,
      el("time", {class: "when", datetime: when.toISOString(), title: when.toLocaleString(), text: timeText(entry.ms)})),
    el("div", {class: "headline"},
      url ? el("a", {href: url, target: "_blank", rel: "noopener noreferrer", text: title}) : el("span", {text: title})),
    evidence(alert),
    el("div", {class: "meta"},
      el("span", {class: "conf", title: "confidence"}, "confidence ", el("meter", {min: 0, max: 1, value: Number(conf) || 0}), " " + conf),
      el("span", {text: "CAMEO " + str(alert.cameo)}),
      typeof alert.goldstein === "number" ? el("span", {text: "Goldstein " + alert.goldstein}) : null,
      alert.feed ? el("span", {class: "feed", text: str(alert.feed)}) : null));
}

// -- dyad matrix -------------------------------------------------------------

function renderMatrix() {
  const since = Date.now() - DYAD_HOURS * 3600 * 1000;
  const cells = new Map(), activity = new Map();
  for (const entry of state.alerts) {
    if (entry.ms < since || !matches(entry, true)) continue;
    for (const pair of pairsOf(entry.alert)) {
      const cell = cells.get(pair) || {n: 0, q: [0, 0, 0, 0, 0]};
      cell.n += 1;
      cell.q[[1, 2, 3, 4].includes(entry.alert.quad_class) ? entry.alert.quad_class : 0] += 1;
      cells.set(pair, cell);
      for (const code of pair.split("-")) activity.set(code, (activity.get(code) || 0) + 1);
    }
  }
  let codes = [...activity.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map((e) => e[0]);
  const pinned = state.filter.pair ? state.filter.pair.split("-") : [];
  codes = codes.slice(0, MATRIX_SIZE);
  for (const code of pinned) if (activity.has(code) && !codes.includes(code)) codes.push(code);
  const table = $("matrix");
  table.replaceChildren();
  $("matrix-empty").hidden = codes.length > 0;
  if (!codes.length) return;
  const max = Math.max(...[...cells.values()].map((c) => c.n));
  const head = el("tr", {}, el("th", {class: "corner"}));
  for (const code of codes) head.appendChild(el("th", {class: "col", scope: "col", title: nameOf(code)}, el("span", {text: code})));
  table.appendChild(el("thead", {}, head));
  const body = el("tbody");
  for (const row of codes) {
    const tr = el("tr", {}, el("th", {scope: "row", title: nameOf(row), text: row}));
    for (const col of codes) {
      const pair = [row, col].sort().join("-");
      const cell = row === col ? null : cells.get(pair);
      if (!cell) {
        tr.appendChild(el("td", {class: row === col ? "diag" : "none"}));
        continue;
      }
      const quad = cell.q.indexOf(Math.max(...cell.q));
      const coop = cell.q[1] + cell.q[2], conflict = cell.q[3] + cell.q[4];
      const td = el("td", {class: "cell q" + quad + (state.filter.pair === pair ? " selected" : ""),
        "data-pair": pair, tabindex: 0, role: "button",
        title: `${nameOf(row)} – ${nameOf(col)}: ${cell.n} alert(s), ${coop} cooperation, ${conflict} conflict`,
        text: String(cell.n)});
      td.style.setProperty("--strength", (0.45 + 0.55 * cell.n / max).toFixed(2));   // CSSOM: allowed by the CSP
      if (coop && conflict) {   // a mixed pair: split between its cooperation and conflict colours
        const c = cell.q[2] > cell.q[1] ? 2 : 1, k = cell.q[4] > cell.q[3] ? 4 : 3;
        const share = Math.round(100 * coop / (coop + conflict));
        td.style.setProperty("background", `linear-gradient(135deg, var(--q${c}) ${share}%, var(--q${k}) ${share}%)`);
        td.classList.add("mixed");
      }
      const choose = () => setFilter("pair", state.filter.pair === pair ? "" : pair);
      td.addEventListener("click", choose);
      td.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(); } });
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  table.appendChild(body);
}

// -- rendering ---------------------------------------------------------------

let renderPending = false;
function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => { renderPending = false; render(); });
}

function render() {
  const shown = [];
  let total = 0;
  for (let i = state.alerts.length - 1; i >= 0; i--) {
    if (!matches(state.alerts[i])) continue;
    total += 1;
    if (shown.length < MAX_SHOWN) shown.push(card(state.alerts[i]));
  }
  $("alerts").replaceChildren(...shown);
  $("alerts-empty").hidden = total > 0;
  $("alerts-empty").textContent = state.alerts.length ? "No alert matches the filters." : "Waiting for alerts…";
  $("alert-count").textContent = total > shown.length ? `${shown.length} of ${total}` : String(total);
  renderFilters();
  renderMatrix();
}

function renderFilters() {
  const select = $("f-country");
  const codes = new Set(state.filter.country ? [state.filter.country] : []);
  for (const entry of state.alerts) codesOf(entry.alert).forEach((c) => codes.add(c));
  const wanted = [...codes].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const have = [...select.options].slice(1).map((o) => o.value);
  if (wanted.join() !== have.join()) {
    select.replaceChildren(el("option", {value: "", text: "all"}),
      ...wanted.map((code) => el("option", {value: code, text: `${nameOf(code)} (${code})`})));
  }
  select.value = state.filter.country;
  $("f-type").value = state.filter.type;
  const [a, b] = state.filter.pair ? state.filter.pair.split("-") : [];
  $("f-pair").hidden = !state.filter.pair;
  $("f-pair-text").textContent = state.filter.pair ? `${nameOf(a)} – ${nameOf(b)}` : "";
}

// -- throughput and feeds ----------------------------------------------------

function spark(svgNode, values) {
  svgNode.replaceChildren();
  if (!values || values.length < 2) return;
  const max = Math.max(...values, 1e-9);
  const step = 120 / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(27 - 25 * v / max).toFixed(1)}`);
  svgNode.appendChild(svg("polygon", {points: `0,28 ${points.join(" ")} 120,28`, class: "area"}));
  svgNode.appendChild(svg("polyline", {points: points.join(" "), class: "line"}));
}

function fmtRate(value) {
  if (value === null || value === undefined) return "—";
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function tile(id, values, note) {
  const node = $(id);
  const recent = values ? values.slice(-6) : null;   // the last minute
  const value = recent && recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
  node.querySelector(".value").textContent = fmtRate(value);
  node.querySelector(".note").textContent = note;
  spark(node.querySelector(".spark"), values);
}

function fmtSeconds(value) {
  if (value === null || value === undefined) return "—";
  return value < 1 ? `${Math.round(value * 1000)} ms` : value < 120 ? `${value.toFixed(1)} s` : `${Math.round(value / 60)} min`;
}

function renderStats(stats) {
  $("stream-name").textContent = str(stats.stream);
  const minutes = Math.round((stats.window || 600) / 60);
  const local = stats.in_process && stats.rates;
  const elsewhere = "the pipeline runs in another process";
  tile("t-articles", local ? stats.rates.articles : null, local ? `avg of last minute · ${minutes} min shown` : elsewhere);
  tile("t-events", local ? stats.rates.events : null, local ? `avg of last minute · ${minutes} min shown` : elsewhere);
  tile("t-alerts", stats.alerts || null, `from the stream · ${minutes} min shown`);
  const latency = stats.latency || {};
  $("t-latency").querySelector(".value").textContent = latency.count ? `${fmtSeconds(latency.p50)}` : "—";
  $("t-latency").querySelector(".note").textContent = latency.count
    ? `median · p95 ${fmtSeconds(latency.p95)} · ${latency.count} alert(s), last ${minutes} min` : `no alert in the last ${minutes} min`;
  renderFeeds(stats.feeds || [], stats.now || Date.now() / 1000);
  if (stats.redis === false) setStatus("redis-down");
}

function ago(seconds) {
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${(seconds / 3600).toFixed(1)} h ago`;
}

function renderFeeds(feeds, now) {
  const table = $("feeds");
  $("feeds-empty").hidden = feeds.length > 0;
  if (!feeds.length) { table.replaceChildren(); return; }
  const head = el("tr", {}, ...["feed", "last success", "status", "errors", "back-off"].map((t) => el("th", {text: t})));
  const rows = feeds.map((feed) => {
    const healthy = !feed.failures && !feed.backoff_until;
    return el("tr", {class: healthy ? "ok" : feed.backoff_until ? "backoff" : "failing"},
      el("td", {class: "name", title: str(feed.name), text: str(feed.name)}),
      el("td", {text: feed.last_success ? ago(now - feed.last_success) : "never"}),
      el("td", {}, el("span", {class: "dot"}), " " + str(feed.last_outcome || "—")),
      el("td", {class: "num", text: String(feed.failures || 0)}),
      el("td", {text: feed.backoff_until ? `for ${fmtSeconds(feed.backoff_until - now)}` : "—"}));
  });
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}

// -- connection ----------------------------------------------------------------

function setStatus(kind) {
  document.body.dataset.connection = kind;
  $("status-text").textContent = {live: "live", connecting: "connecting…", reconnecting: "reconnecting…",
    "redis-down": "Redis unreachable — retrying"}[kind] || kind;
}

let source = null, retryDelay = 1000;
function connect() {
  const url = "/api/events" + (state.lastId ? "?since=" + encodeURIComponent(state.lastId) : "");
  source = new EventSource(url);
  source.addEventListener("open", () => { retryDelay = 1000; setStatus("live"); });
  source.addEventListener("alert", (e) => {
    try { addAlert(e.lastEventId, JSON.parse(e.data)); } catch (err) { /* one bad entry costs itself */ }
  });
  source.addEventListener("ready", () => { state.ready = true; scheduleRender(); });
  source.addEventListener("stats", (e) => { try { renderStats(JSON.parse(e.data)); } catch (err) { /* ignore */ } });
  source.addEventListener("redis", (e) => { try { setStatus(JSON.parse(e.data).up ? "live" : "redis-down"); } catch (err) { /* ignore */ } });
  source.addEventListener("error", () => {
    setStatus("reconnecting");
    // The browser retries by itself (sending Last-Event-ID); if it gave up, start again from the last id.
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
  });
}

async function start() {
  readFilter();
  $("dyad-hours").textContent = String(DYAD_HOURS);
  $("f-type").append(...EVENT_TYPES.map((t) => el("option", {value: t, text: t})));
  $("f-country").addEventListener("change", (e) => setFilter("country", e.target.value));
  $("f-type").addEventListener("change", (e) => setFilter("type", e.target.value));
  $("f-pair-clear").addEventListener("click", () => setFilter("pair", ""));
  $("f-clear").addEventListener("click", () => { state.filter = {country: "", pair: "", type: ""}; writeFilter(); });
  try {
    state.names = await (await fetch("/api/countries")).json();
  } catch (err) { /* codes alone then */ }
  render();
  connect();
  setInterval(scheduleRender, 30000);   // relative times age
}

start();
