"""Reports written for the story stage's tests: unrelated background news, which gives
the word counts a few documents besides the reports under test, and a JSON record of a
report as an outlet would send it."""

from __future__ import annotations

import json

from storywire.model import Capture

BACKGROUND = {
    "bg-bridge": ("Repairs close Eastgate bridge for six months",
                  "Eastgate's only road bridge will close for six months from Monday while "
                  "engineers replace its deck, the county said. Buses will divert through "
                  "Millford, adding twenty minutes to the journey into the city centre."),
    "bg-match": ("Rovers edge Athletic in cup replay",
                 "A late header from captain Dele Okafor gave Rovers a 2-1 win over "
                 "Athletic in Tuesday's cup replay, sending them into the quarter-finals "
                 "for the first time in a decade."),
    "bg-budget": ("City council approves leaner budget",
                  "Councillors approved a budget that cuts library hours and raises parking "
                  "fees by 5 percent, after a three-hour debate in which opposition members "
                  "accused the mayor of hiding the cost of the new tram line."),
}


def record(ident: str, title: str, text: str, published: str | None) -> Capture:
    """The report as a JSON record from its own outlet, dated when ``published`` is."""
    data = {"id": ident, "title": title, "text": text, "outlet": f"Outlet {ident}",
            "language": "en"}
    if published:
        data["published"] = published
    return Capture(raw=json.dumps(data).encode(), kind="record", origin=f"test:{ident}")


def background(published: str) -> list[Capture]:
    """The background reports, all published at ``published``."""
    return [record(key, *BACKGROUND[key], published) for key in BACKGROUND]
