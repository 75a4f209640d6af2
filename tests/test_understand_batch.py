"""Understanding many articles at once gives exactly what one at a time gives, on real
PolNeAR text, with non-English and empty texts kept in their places."""

from __future__ import annotations

from conftest import shared_data


def test_understand_many_equals_one_by_one(understander):
    root = shared_data("polnear") / "dev" / "text"
    texts = [p.read_text("utf-8") for p in sorted(root.glob("*.txt"))[:10]]
    items: list[tuple[str, str | None]] = [(t, "en") for t in texts]
    items.insert(3, ("« Nous ne fermerons pas l'usine », a déclaré la maire, Élodie Ferrand.",
                     "fr"))
    items.insert(6, ("   ", "en"))
    items.append((texts[0], None))  # an unknown language is parsed as English
    batched = understander.understand_many(items, batch_size=4)
    assert len(batched) == len(items)
    for (text, language), got in zip(items, batched, strict=True):
        assert got == understander.understand(text, language)
    assert batched[3].quotes and batched[3].quotes[0]["speaker"] == "Élodie Ferrand"
    assert batched[6].quotes == [] and batched[6].entities == []
    assert sum(len(u.quotes) for u in batched) > 50
