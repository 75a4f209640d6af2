"""MinHash signatures and LSH band keys: what the store indexes to find copy candidates.

Three routes, each a MinHash signature cut into bands; a band key is a 47-bit hash of one
band's values, tagged with its route and band number, so one indexed lookup per key finds
every stored article that agrees on that band. The cost of a lookup depends on the number
of bands, not on the number of articles stored.

* ``S`` (shingles): word 5-gram shingles of the whole text. Near copies and long excerpts
  agree on many bands (Jaccard >= ~0.5 is found almost surely).
* ``L`` (lead): shingles of the first words only. An excerpt keeps the beginning of its
  original, so its lead is the original's lead even when the excerpt is a fifth as long and
  its whole-text Jaccard is ~0.2.
* ``T`` (terms): the set of content words (no function words, crude stems). A rewrite swaps
  words and moves clauses, so it shares few 5-gram shingles, but names, numbers and many
  content words survive: its term-set Jaccard with the original is ~0.4-0.7 (0.23-0.33 for
  a paraphrase that restates every sentence), against ~0.02 for unrelated articles. Bands of
  two rows find a pair at 0.25 almost surely; the stored term signature then keeps only
  candidates whose estimated Jaccard is >= 0.25 (``link``).

The MinHash itself comes from a library: rensa (Rust, default) or datasketch (NumPy).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storywire.copies.normalize import content_terms, exact_hash, shingles, words

ROUTES = ("S", "L", "T")
KEY_BITS = 47  # fits SQLite's 6-byte integer storage


@dataclass(frozen=True)
class Banding:
    """``bands`` bands of ``rows`` MinHash values each (num_perm = bands * rows)."""

    bands: int
    rows: int

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def probability(self, jaccard: float) -> float:
        """Chance that two sets with this Jaccard similarity share at least one band."""
        return 1.0 - (1.0 - jaccard ** self.rows) ** self.bands


@dataclass(frozen=True)
class FingerprintOptions:
    library: str = "rensa"          # or "datasketch"
    shingle_size: int = 5
    lead_words: int = 40
    seed: int = 1
    shingle_bands: Banding = Banding(16, 4)   # 64 permutations
    lead_bands: Banding = Banding(8, 3)       # 24 permutations
    term_bands: Banding = Banding(60, 2)      # 120 permutations

    def banding(self, route: str) -> Banding:
        return {"S": self.shingle_bands, "L": self.lead_bands, "T": self.term_bands}[route]

    def scheme(self) -> str:
        """Names everything the band keys depend on: stored keys are only comparable with
        keys made under the same scheme (a change needs ``reprocess --stage copies``)."""
        parts = [f"{self.library}-{library_version(self.library)}",
                 f"k{self.shingle_size}", f"lead{self.lead_words}", f"seed{self.seed}"]
        parts += [f"{route}{b.bands}x{b.rows}" for route, b in
                  (("S", self.shingle_bands), ("L", self.lead_bands), ("T", self.term_bands))]
        return "/".join(parts)


@dataclass
class Fingerprint:
    """One article's exact hash and band keys per route."""

    exact: str
    bands: dict[str, list[int]]
    shingles: int = 0   # distinct shingles (0: too short to fingerprint)
    terms: int = 0
    term_signature: bytes = b""  # the T route's MinHash values, packed (u32 little-endian)

    def all_keys(self) -> list[int]:
        return [key for route in ROUTES for key in self.bands.get(route, ())]


# -- MinHash libraries ---------------------------------------------------------------------
MinHasher = Callable[[Sequence[str], int, int], list[int]]  # (tokens, num_perm, seed) -> values


def _rensa(tokens: Sequence[str], num_perm: int, seed: int) -> list[int]:
    from rensa import RMinHash

    sketch = RMinHash(num_perm, seed)
    sketch.update(list(tokens))
    return list(sketch.digest())


def _datasketch(tokens: Sequence[str], num_perm: int, seed: int) -> list[int]:
    from datasketch import MinHash

    sketch = MinHash(num_perm=num_perm, seed=seed)
    sketch.update_batch([t.encode("utf-8") for t in tokens])
    return [int(v) for v in sketch.hashvalues]


LIBRARIES: dict[str, MinHasher] = {"rensa": _rensa, "datasketch": _datasketch}


def library_version(name: str) -> str:
    """The library's algorithm version where it states one (rensa changed it in 0.5)."""
    if name == "rensa":
        from rensa import RMinHash

        return f"a{RMinHash.ALGORITHM_VERSION}"
    if name == "datasketch":
        return "1"  # SHA-1 token hashes, Mersenne-prime permutations since 1.0
    raise ValueError(f"unknown MinHash library {name!r} (rensa or datasketch)")


def minhasher(name: str) -> MinHasher:
    try:
        return LIBRARIES[name]
    except KeyError:
        raise ValueError(f"unknown MinHash library {name!r} (rensa or datasketch)") from None


# -- band keys -------------------------------------------------------------------------------
def band_keys(route: str, values: Sequence[int], banding: Banding) -> list[int]:
    """One key per band: a hash of the route, the band number and the band's values."""
    keys = []
    rows = banding.rows
    mask = (1 << KEY_BITS) - 1
    for band in range(banding.bands):
        chunk = values[band * rows:(band + 1) * rows]
        data = route.encode() + bytes([band]) + struct.pack(f"<{rows}I", *chunk)
        digest = hashlib.blake2b(data, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") & mask)
    return keys


def fingerprint(text: str, options: FingerprintOptions | None = None,
                hasher: MinHasher | None = None) -> Fingerprint:
    """The exact hash and the band keys of every route for one article's text."""
    options = options or FingerprintOptions()
    hasher = hasher or minhasher(options.library)
    tokens = words(text)
    result = Fingerprint(exact=exact_hash(text), bands={})
    if not tokens:
        return result
    k = options.shingle_size
    whole = shingles(tokens, k)
    lead = shingles(tokens[:options.lead_words], k)
    terms = set(content_terms(tokens))
    result.shingles, result.terms = len(whole), len(terms)
    seeds = {"S": options.seed, "L": options.seed + 1, "T": options.seed + 2}
    for route, tokens_of_route in (("S", whole), ("L", lead), ("T", terms)):
        if not tokens_of_route:
            continue
        banding = options.banding(route)
        values = hasher(sorted(tokens_of_route), banding.num_perm, seeds[route])
        result.bands[route] = band_keys(route, values, banding)
        if route == "T":
            result.term_signature = struct.pack(f"<{len(values)}I", *values)
    return result


def signature_similarity(a: bytes, b: bytes) -> float:
    """Jaccard similarity estimated from two packed MinHash signatures of one length."""
    if not a or len(a) != len(b):
        return 0.0
    first, second = memoryview(a).cast("I"), memoryview(b).cast("I")
    return sum(x == y for x, y in zip(first, second, strict=True)) / len(first)


def estimate(hits: int, banding: Banding) -> float:
    """Jaccard similarity suggested by how many of the bands agree (for ranking only)."""
    if hits <= 0:
        return 0.0
    return (min(hits, banding.bands) / banding.bands) ** (1.0 / banding.rows)
