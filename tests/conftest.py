"""Shared fixtures: a real Redis and a unique key prefix per test.

The Redis is the one named by REDIS_URL when set, else an embedded server that
this session starts (and alone may flush). Tests never FLUSHALL a Redis they did
not start; they isolate themselves with a unique key prefix instead.
"""
import os
import uuid
from pathlib import Path

import pytest
import redis

from connectors.embedded_redis import EmbeddedRedis

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    with EmbeddedRedis() as server:
        yield server.url


@pytest.fixture
def redis_client(redis_url):
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    yield client
    client.close()


@pytest.fixture
def key_prefix(redis_client):
    """A fresh prefix; its keys are deleted afterwards (only ours, never FLUSHDB)."""
    prefix = f"dwtest-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in redis_client.scan_iter(f"{prefix}:*", count=1000):
        redis_client.delete(key)


def shared_data(relative: str) -> Path:
    """Path under ../shared/data, or skip the test with a clear reason."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/data is not part of a user's clone)")
    return path


@pytest.fixture(scope="session")
def coder():
    """One EventCoder for all coder tests (its dictionaries load once)."""
    from transforms.coder import EventCoder

    return EventCoder()
