"""Stories and surges in Redis: one Lua script per alert, atomic and idempotent.

The script replaces the sink's plain publish when stories are on. For an alert id already marked
it does nothing (so a retry, a spill-file drain or a replay never adds a source twice). Otherwise:

- it looks for an open story of the same unordered pair, PLOVER type and direction whose time is
  within the window of the alert's event time and whose evidence is similar enough (MinHash
  sketches of content words, the best match among the story's first few sources);
- none: the alert opens a story (its id is the alert's id) and is published exactly as without
  stories; the event is counted for surges and history;
- one: the alert is not published as an alert; the story gains the source (``num_sources``,
  sources, best evidence, confidence by independent outlets) and a story record goes to the stream
  (field ``story``) and to the ``{prefix}:stories`` channel;
- then the marker is set, last, as in the plain publish.

Surges are counted per unordered pair and quad class, on new stories only (one real event counts
once): hourly buckets give the baseline of the previous days, a sorted set of the story ids gives
the last hour's count; a Poisson tail below the threshold with enough events raises one surge
(field ``surge`` on the stream, channel ``{prefix}:surges``) and no other for that pair and class
until it has calmed down: an event of that pair and class ``surge_calm`` seconds (an hour; event
time) after the last improbable count, with the count no longer improbable. Times are event times (see
``transforms.story_keys.event_time``). Keys built inside the script (story hashes) are not declared
in KEYS: this needs a single Redis, not a Redis Cluster. Sketches: transforms/story_keys.py.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from apache_beam.metrics import Metrics

from transforms import metrics
from transforms import defaults
from transforms.story_keys import dyad, event_time, outlet, shingles, signature

DEFAULT_WINDOW = defaults.STORY_WINDOW
DEFAULT_SIMILARITY = defaults.STORY_SIMILARITY
DEFAULT_SURGE_P = defaults.SURGE_PROBABILITY
DEFAULT_SURGE_MIN_COUNT = defaults.SURGE_MIN_COUNT
DEFAULT_BASELINE_DAYS = defaults.SURGE_BASELINE_DAYS
DEFAULT_FLOOR_PER_DAY = defaults.SURGE_FLOOR
DEFAULT_SURGE_CALM = defaults.SURGE_CALM
MAX_SOURCES_KEPT = 50     # sources listed in a story record; num_sources counts all
MAX_SIGNATURES = 5        # signatures of a story's first sources that a new report is compared with
HISTORY_TTL = 400 * 86400
# Two reports are one story only if their word sets share at least this many words, whatever their
# Jaccard similarity: between headlines of one to three content words, one word in common ("two",
# "Gaza") is already a Jaccard of 1/3, above the threshold, and says nothing.
MIN_SHARED_WORDS = 2


@dataclass(frozen=True)
class StoryConfig:
    window: int = DEFAULT_WINDOW
    similarity: float = DEFAULT_SIMILARITY
    surge_p: float = DEFAULT_SURGE_P
    surge_min_count: int = DEFAULT_SURGE_MIN_COUNT
    baseline_days: int = DEFAULT_BASELINE_DAYS
    floor_per_day: float = DEFAULT_FLOOR_PER_DAY
    surge_calm: int = DEFAULT_SURGE_CALM


def stories_channel(prefix: str) -> str:
    return f"{prefix}:stories"


def surges_channel(prefix: str) -> str:
    return f"{prefix}:surges"


def story_key(prefix: str, story_id: str) -> str:
    return f"{prefix}:story:{story_id}"


def history_key(prefix: str, a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"{prefix}:history:{first}:{second}"


def utc_day(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d")


# Returns {outcome, surge raised (0/1), open stories, num_sources, quad class}; outcome 0 = id already published,
# 1 = a new story (alert published), 2 = a story update.
STORY_PUBLISH = r"""
local marker, stream, index, surge_ids, surge_hours, surge_state, history, open_set =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
if redis.call('EXISTS', marker) == 1 then return {0, 0, -1, 0, ''} end
local marker_ttl, maxlen, body, prefix, alert_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local t, window, sig, threshold = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9])
local source_json, conf, quad, goldstein, day = ARGV[10], tonumber(ARGV[11]), ARGV[12], ARGV[13], ARGV[14]
local surge_p, surge_min, days, floor_h = tonumber(ARGV[15]), tonumber(ARGV[16]), tonumber(ARGV[17]),
  tonumber(ARGV[18])
local meta = cjson.decode(ARGV[19])
local nchannels = tonumber(ARGV[20])
local MIN_SHARED = tonumber(ARGV[24 + nchannels + 3])
local calm = tonumber(ARGV[24 + nchannels + 2])
local story_ttl = math.floor(window * 2 + 86400)
local now = tonumber(redis.call('TIME')[1])

-- bottom-k sketches: sorted 8-hex-digit hashes; of the k smallest of the union, the share in both,
-- and how many of them are in both (the shared words, exactly, while the union has at most k)
local function similarity(a, b)
  if a == '' or b == '' then return 0, 0 end
  local na, nb, i, j, taken, both = #a / 8, #b / 8, 0, 0, 0, 0
  while taken < 64 and (i < na or j < nb) do
    local x = i < na and string.sub(a, i * 8 + 1, i * 8 + 8) or nil
    local y = j < nb and string.sub(b, j * 8 + 1, j * 8 + 8) or nil
    if y == nil or (x ~= nil and x < y) then i = i + 1
    elseif x == nil or y < x then j = j + 1
    else both = both + 1; i = i + 1; j = j + 1 end
    taken = taken + 1
  end
  return both / taken, both
end

local function poisson_tail(k, lam)
  if k <= 0 then return 1 end
  if lam <= 0 then return 0 end
  local logfact = 0
  for i = 2, k do logfact = logfact + math.log(i) end
  local term = math.exp(-lam + k * math.log(lam) - logfact)
  local total, i = term, k
  while i < k + 10000 do
    i = i + 1
    term = term * lam / i
    total = total + term
    if i > lam and term < total * 1e-12 then break end
  end
  if total > 1 then return 1 end
  return total
end

-- 1. find the story
local best_id, best_sim = nil, -1
if sig ~= '' then
  local candidates = redis.call('ZRANGEBYSCORE', index, t - window, t + window)
  for _, id in ipairs(candidates) do
    local sigs = redis.call('HGET', prefix .. ':story:' .. id, 'sigs')
    if not sigs then
      redis.call('ZREM', index, id)
    else
      for s in string.gmatch(sigs, '[^,]+') do
        local sim, shared = similarity(sig, s)
        if shared >= MIN_SHARED and sim >= threshold and sim > best_sim then best_id, best_sim = id, sim end
      end
    end
  end
end

local source = cjson.decode(source_json)
redis.call('ZREMRANGEBYSCORE', open_set, '-inf', now)

if best_id then
  -- 2a. a later report of an open story
  local skey = prefix .. ':story:' .. best_id
  local story = cjson.decode(redis.call('HGET', skey, 'record'))
  story.num_sources = story.num_sources + 1
  if #story.sources < tonumber(ARGV[21]) then table.insert(story.sources, source) end
  local outlets = cjson.decode(redis.call('HGET', skey, 'outlets'))
  local o = source.outlet
  if not outlets[o] or outlets[o] < conf then outlets[o] = conf end
  local miss, n = 1, 0
  for _, c in pairs(outlets) do miss = miss * (1 - c); n = n + 1 end
  story.confidence = math.floor((1 - miss) * 1000 + 0.5) / 1000
  story.num_outlets = n
  if conf > (story.best.confidence or 0) then story.best = meta.best end
  if t < story.first_seen then story.first_seen = t end
  if t > story.last_seen then story.last_seen = t end
  story.update_alert_id = alert_id
  story.similarity = math.floor(best_sim * 1000 + 0.5) / 1000
  local record = cjson.encode(story)
  local sigs = redis.call('HGET', skey, 'sigs')
  local count = 1
  for _ in string.gmatch(sigs, ',') do count = count + 1 end
  if sig ~= '' and count < tonumber(ARGV[22]) then sigs = sigs .. ',' .. sig end
  redis.call('HSET', skey, 'record', record, 'outlets', cjson.encode(outlets), 'sigs', sigs)
  redis.call('EXPIRE', skey, story_ttl)
  redis.call('ZADD', open_set, now + story_ttl, best_id)
  redis.call('EXPIRE', open_set, story_ttl)
  redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'story', record)
  redis.call('PUBLISH', ARGV[23], record)
  redis.call('SET', marker, '1', 'EX', marker_ttl)
  return {2, 0, redis.call('ZCARD', open_set), story.num_sources, ''}
end

-- 2b. a new story: the alert is published as without stories
redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'alert', body)
for i = 1, nchannels do redis.call('PUBLISH', ARGV[24 + i], body) end
local story = {kind = 'story', story_id = alert_id, pair = meta.pair, event = meta.event,
  direction = meta.direction, quad_class = meta.quad_class, num_sources = 1, num_outlets = 1,
  sources = {source}, best = meta.best, confidence = conf, first_seen = t, last_seen = t,
  update_alert_id = alert_id}
local skey = prefix .. ':story:' .. alert_id
local outlets = {}
outlets[source.outlet] = conf
redis.call('HSET', skey, 'record', cjson.encode(story), 'outlets', cjson.encode(outlets), 'sigs',
  sig ~= '' and sig or '')
redis.call('EXPIRE', skey, story_ttl)
if sig ~= '' then
  redis.call('ZADD', index, t, alert_id)
  redis.call('EXPIRE', index, story_ttl)
end
redis.call('ZADD', open_set, now + story_ttl, alert_id)
redis.call('EXPIRE', open_set, story_ttl)

-- 3. history and surges: one event per story
local raised = 0
if quad ~= '' then
  redis.call('HINCRBY', history, day .. ':q' .. quad, 1)
  if goldstein ~= '' then redis.call('HINCRBYFLOAT', history, day .. ':goldstein', goldstein) end
  redis.call('EXPIRE', history, tonumber(ARGV[24]))

  local hour = math.floor(t / 3600)
  local keep = (days + 2) * 86400
  redis.call('HINCRBY', surge_hours, tostring(hour), 1)
  redis.call('EXPIRE', surge_hours, keep)
  redis.call('ZADD', surge_ids, t, alert_id)
  redis.call('ZREMRANGEBYSCORE', surge_ids, '-inf', t - 2 * 86400)
  redis.call('EXPIRE', surge_ids, keep)
  local count = redis.call('ZCOUNT', surge_ids, '(' .. (t - 3600), t)
  local first_hour = math.floor((t - 3600) / 3600)
  local fields = {}
  for h = first_hour - 24 * days, first_hour - 1 do table.insert(fields, tostring(h)) end
  local past = 0
  for _, v in ipairs(redis.call('HMGET', surge_hours, unpack(fields))) do
    if v then past = past + tonumber(v) end
  end
  local expected = past / (24 * days)
  if expected < floor_h then expected = floor_h end
  local p = poisson_tail(count, expected)
  local active = redis.call('HGET', surge_state, 'active')
  if count >= surge_min and p < surge_p then
    if active ~= '1' then
      local ids = redis.call('ZRANGEBYSCORE', surge_ids, '(' .. (t - 3600), t)
      local surge = cjson.encode({kind = 'surge', pair = meta.pair, quad_class = tonumber(quad),
        count = count, expected = expected, probability = p, baseline_days = days,
        baseline_events = past, window_start = t - 3600, window_end = t, story_ids = ids,
        threshold = surge_p})
      redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'surge', surge)
      redis.call('PUBLISH', ARGV[24 + nchannels + 1], surge)
      raised = 1
    end
    redis.call('HSET', surge_state, 'active', '1', 'hot', t)
  elseif active == '1' and t - tonumber(redis.call('HGET', surge_state, 'hot')) >= calm then
    redis.call('HSET', surge_state, 'active', '0')
  end
  redis.call('EXPIRE', surge_state, math.max(86400, calm + 3600))
end

redis.call('SET', marker, '1', 'EX', marker_ttl)
return {1, raised, redis.call('ZCARD', open_set), 1, quad}
"""


class StoryPublisher:
    """Queues the story script for alerts on a pipeline; one per Redis client."""

    def __init__(self, client, prefix: str, config: StoryConfig):
        self.prefix = prefix
        self.config = config
        self.script = client.register_script(STORY_PUBLISH)
        # Beam counters too (the totals on distributed runners; replay prints them).
        self.opened = Metrics.counter("dyadwatch", "stories_opened")
        self.updates = Metrics.counter("dyadwatch", "story_updates")
        self.surges = Metrics.counter("dyadwatch", "surges_raised")

    def outcome(self, answer: list) -> int:
        """The script's answer as the sink's outcome (0, 1 or 2), metrics updated on the way."""
        kind, raised, open_stories, num_sources = (int(v) for v in answer[:4])
        quad = answer[4].decode() if isinstance(answer[4], bytes) else str(answer[4])
        if kind == 1:
            metrics.STORIES_OPENED.inc()
            self.opened.inc()
        elif kind == 2:
            metrics.STORY_UPDATES.inc()
            metrics.STORY_SOURCES.observe(num_sources)
            self.updates.inc()
        if raised:
            metrics.SURGES_RAISED.labels(quad_class=quad or "?").inc()
            self.surges.inc()
        if open_stories >= 0:
            metrics.STORIES_OPEN.set(open_stories)
        return kind

    def queue(self, pipe, alert: dict, body: str, channels: list[str], marker: str, stream: str,
              marker_ttl: int, stream_maxlen: int) -> bool:
        """Queue the script for one alert; False when it has no pair (the caller publishes it plainly)."""
        found = dyad(alert)
        if found is None:
            return False
        a, b, direction = found
        cfg, p = self.config, self.prefix
        now = time.time()
        t = event_time(alert, now)
        quad = alert.get("quad_class")
        quad = str(int(quad)) if isinstance(quad, (int, float)) and 1 <= quad <= 4 else ""
        goldstein = alert.get("goldstein")
        goldstein = repr(float(goldstein)) if isinstance(goldstein, (int, float)) else ""
        confidence = alert.get("confidence")
        confidence = float(confidence) if isinstance(confidence, (int, float)) else 0.5
        source = {"alert_id": alert["id"], "outlet": outlet(alert), "feed": alert.get("feed"),
                  "url": alert.get("url"), "title": alert.get("title"), "time": t, "confidence": confidence}
        evidence = alert.get("evidence") if isinstance(alert.get("evidence"), dict) else {}
        best = {"alert_id": alert["id"], "text": alert.get("text") or evidence.get("sentence") or "",
                "title": alert.get("title"), "url": alert.get("url"), "confidence": confidence,
                "eventText": alert.get("eventText") or "", "rule": evidence.get("rule")}
        meta = {"pair": [a, b], "event": alert.get("event"), "direction": direction,
                "quad_class": int(quad) if quad else None, "best": best}
        keys = [marker, stream,
                f"{p}:stories:index:{a}:{b}:{alert.get('event')}:{direction}",
                f"{p}:surge:ids:{a}:{b}:{quad or 0}",
                f"{p}:surge:hours:{a}:{b}:{quad or 0}",
                f"{p}:surge:state:{a}:{b}:{quad or 0}",
                history_key(p, a, b),
                f"{p}:stories:open"]
        args = [marker_ttl, stream_maxlen, body, p, alert["id"], repr(t), cfg.window,
                signature(shingles(alert)), cfg.similarity, json.dumps(source, ensure_ascii=False),
                confidence, quad, goldstein, utc_day(t), cfg.surge_p, cfg.surge_min_count,
                cfg.baseline_days, cfg.floor_per_day / 24.0, json.dumps(meta, ensure_ascii=False),
                len(channels), MAX_SOURCES_KEPT, MAX_SIGNATURES, stories_channel(p), HISTORY_TTL,
                *channels, surges_channel(p), cfg.surge_calm, MIN_SHARED_WORDS]
        self.script(keys=keys, args=args, client=pipe)
        return True


QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


def read_history(client, prefix: str, a: str, b: str, days: list[str]) -> list[dict]:
    """Per UTC day (``YYYY-MM-DD``): events (stories) by quad class, their total and Goldstein sum."""
    fields = [f"{day}:q{quad}" for day in days for quad in QUAD_NAMES] + [f"{day}:goldstein" for day in days]
    values = client.hmget(history_key(prefix, a, b), fields)
    found = dict(zip(fields, values))
    rows = []
    for day in days:
        row = {"day": day}
        for quad, name in QUAD_NAMES.items():
            row[name] = int(found[f"{day}:q{quad}"] or 0)
        row["total"] = sum(row[name] for name in QUAD_NAMES.values())
        row["goldstein"] = round(float(found[f"{day}:goldstein"] or 0.0), 3)
        rows.append(row)
    return rows
