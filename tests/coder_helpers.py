"""Small helpers shared by the coder tests."""


def event_triples(coder, text, title="", home_country=None):
    """(event type, source codes, target codes) of each coded event, best first."""
    return [(e["event"], "+".join(a["code"] for a in e["source"]), "+".join(a["code"] for a in e["target"]))
            for e in coder.code(text, title=title, home_country=home_country)]
