"""Defaults every layer and the command line share, in a module that imports nothing, so that
`dyadwatch --help` can show them without loading Beam, Redis or Prometheus."""

KEY_PREFIX = "dyadwatch"            # prefix of every Redis key and channel
STREAM_MAXLEN = 100_000             # approximate MAXLEN of the alert stream
MIN_CONFIDENCE = 0.5                # events below this do not alert
SEEN_TTL = 14 * 86400               # seconds an article stays known as seen
STORY_WINDOW = 24 * 3600            # seconds apart (event time) two reports of one story may be
STORY_SIMILARITY = 0.25             # least Jaccard similarity of two reports' content words
SURGE_PROBABILITY = 0.001           # a pair's hourly count is a surge when its Poisson tail is below this
SURGE_MIN_COUNT = 3                 # ... and it holds at least this many events (stories)
SURGE_BASELINE_DAYS = 7             # days before the hour whose hourly mean is the expected count
SURGE_FLOOR = 1.0                   # least expected events a day (pairs seldom or never seen)
SURGE_CALM = 3600                   # seconds (event time) after the last improbable count before a surge may rise again
METRICS_PORT = 9478                 # the Prometheus endpoint
METRICS_HOST = "127.0.0.1"
PAGE_PORT = 9479                    # the live page
PAGE_HOST = "127.0.0.1"
