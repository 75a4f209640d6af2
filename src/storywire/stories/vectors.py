"""TF-IDF vectors of an article's words and names, online.

scikit-learn's ``HashingVectorizer`` turns text into hashed term counts with no vocabulary
to fit, so a stream can be vectorised one article at a time. The IDF comes from document
frequencies kept in the store and growing with every report; it is applied here with the
same smoothed formula as scikit-learn's ``TfidfTransformer``. Title and lead words are
weighted above the tail. Centroids are kept as sparse top-k vectors, packed into bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from storywire.model import Article
from storywire.stories.names import article_names

NAME_ROUTE = 1 << 40  # index keys of names are tagged apart from words

# Frequent French function words: IDF would push them down anyway, but they would crowd
# the index keys of a French report while the store still holds few.
_FRENCH_WORDS = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
tes toi ton tu un une vos votre vous est sont ete etait avait avoir fait plus selon cette
apres avant entre deux trois aussi comme tout tous sans sous
"""
_FRENCH_STOP = frozenset(_FRENCH_WORDS.split())
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _FRENCH_STOP | {"said", "says", "told"})


@dataclass(frozen=True)
class VectorOptions:
    n_features: int = 1 << 20
    title_weight: float = 3.0
    lead_weight: float = 2.0
    lead_words: int = 60          # the lead: the first paragraphs up to this many words
    name_words: bool = True       # a multi-word name also counts its words ("hart")
    ngrams: int = 2               # word n-grams up to this length
    numbers: bool = True          # figures ("4.9", "1,200") join the names: they cross
                                  # languages ("4,9" is 4.9) and tell look-alikes apart

    def scheme(self) -> str:
        """What makes stored vectors comparable; a change needs a rebuild."""
        return (f"hash-{self.n_features}-ngrams{self.ngrams}-stop{len(STOP_WORDS)}"
                f"-names{int(self.name_words)}{int(self.numbers)}-v2")


@dataclass
class ArticleVectors:
    """An article's term counts (weighted, before IDF) and name counts, 1 x n_features."""

    terms: sparse.csr_matrix
    names: sparse.csr_matrix
    lead_words: frozenset[int]  # hashed single words of title and lead: index key material


class Vectorizer:
    """Hashes words and names; the hashing needs no fitting, so it is built once."""

    def __init__(self, options: VectorOptions | None = None) -> None:
        self.options = options or VectorOptions()
        self._words = HashingVectorizer(
            n_features=self.options.n_features, alternate_sign=False, norm=None,
            strip_accents="unicode", lowercase=True, stop_words=STOP_WORDS,
            token_pattern=r"(?u)\b\w\w+\b", ngram_range=(1, self.options.ngrams),
            dtype=np.float64)
        self._single = HashingVectorizer(
            n_features=self.options.n_features, alternate_sign=False, norm=None,
            strip_accents="unicode", lowercase=True, stop_words=STOP_WORDS,
            token_pattern=r"(?u)\b\w\w+\b", dtype=np.float64)
        self._names = HashingVectorizer(
            n_features=self.options.n_features, alternate_sign=False, norm=None,
            analyzer=_identity, dtype=np.float64)

    def vectors(self, article: Article) -> ArticleVectors:
        title, lead, tail = _parts(article, self.options.lead_words)
        counts = self._words.transform([title, lead, tail])
        weights = np.array([self.options.title_weight, self.options.lead_weight, 1.0])
        parts = counts.tocoo()  # one row per part: weight each, then fold into one row
        terms = sparse.csr_matrix(
            (parts.data * weights[parts.row], (np.zeros_like(parts.col), parts.col)),
            shape=(1, self.options.n_features))
        names = article_names(article)
        tokens = [f"@{n}" for n in names]
        if self.options.name_words:
            tokens += [f"@~{w}" for n in names for w in n.split() if len(w) > 2]
        if self.options.numbers:
            tokens += [f"#{n}" for n in numbers(f"{article.title or ''}\n{article.text}")]
        single = self._single.transform([f"{title}\n{lead}"])
        return ArticleVectors(terms=terms, names=self._names.transform([tokens]).tocsr(),
                              lead_words=frozenset(int(f) for f in single.indices))


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[,.\u202f ]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])")


def numbers(text: str) -> list[str]:
    """Figures in a text, normalised across languages: "1,200", "1 200" and "1200" are
    "1200"; "4,9" and "4.9" are "4.9". Single digits are left out (too common)."""
    found = []
    for match in _NUMBER.finditer(text):
        raw = match.group(1)
        if re.fullmatch(r"\d{1,3}(?:[,.\u202f ]\d{3})+", raw):
            value = re.sub(r"\D", "", raw)
        else:
            value = raw.replace(",", ".")
        if len(value.replace(".", "")) > 1:
            found.append(value)
    return found


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _parts(article: Article, lead_words: int) -> tuple[str, str, str]:
    """Title, lead (the first ``lead_words`` words) and the rest of the text."""
    words = article.text.split()
    return (article.title or "", " ".join(words[:lead_words]),
            " ".join(words[lead_words:]))


def tfidf(counts: sparse.csr_matrix, documents: dict[int, int], total: int
          ) -> sparse.csr_matrix:
    """Sublinear TF times smoothed IDF (scikit-learn's formula), L2-normalised."""
    weighted = counts.copy()
    df = np.array([documents.get(int(f), 0) for f in weighted.indices], dtype=np.float64)
    idf = np.log((1.0 + total) / (1.0 + df)) + 1.0
    weighted.data = (1.0 + np.log(weighted.data)) * idf
    return normalize(weighted)


def top_features(vector: sparse.csr_matrix, k: int,
                 among: frozenset[int] | None = None) -> list[int]:
    """The ``k`` heaviest features (only those ``among`` if given), heaviest first, ties
    by feature number."""
    order = np.lexsort((vector.indices, -vector.data))
    found = [int(vector.indices[i]) for i in order]
    if among is not None:
        found = [f for f in found if f in among]
    return found[:k]


def pack(vector: sparse.csr_matrix, keep: int, n_features: int) -> bytes:
    """A centroid as bytes: the ``keep`` heaviest (feature u32, weight f32) pairs."""
    if vector.nnz == 0:
        return b""
    order = np.lexsort((vector.indices, -vector.data))[:keep]
    features = vector.indices[order].astype("<u4")
    weights = vector.data[order].astype("<f4")
    return features.tobytes() + weights.tobytes()


def unpack_rows(blobs: list[bytes], n_features: int) -> sparse.csr_matrix:
    """Many packed centroids as the rows of one matrix, built at once: the same matrix,
    array for array, as ``unpack`` of each stacked, without a sparse conversion per row."""
    features, weights, indptr = [], [], [0]
    for blob in blobs:
        count = len(blob) // 8
        row = np.frombuffer(blob[:4 * count], dtype="<u4")
        order = np.argsort(row, kind="stable")  # canonical rows: features ascending
        features.append(row[order].astype(np.int32))
        weights.append(np.frombuffer(blob[4 * count:], dtype="<f4")[order].astype(np.float64))
        indptr.append(indptr[-1] + count)
    if not blobs:
        return sparse.csr_matrix((0, n_features))
    return sparse.csr_matrix((np.concatenate(weights), np.concatenate(features),
                              np.array(indptr, dtype=np.int32)),
                             shape=(len(blobs), n_features))


def unpack(blob: bytes, n_features: int) -> sparse.csr_matrix:
    count = len(blob) // 8
    features = np.frombuffer(blob[:4 * count], dtype="<u4").astype(np.int64)
    weights = np.frombuffer(blob[4 * count:], dtype="<f4").astype(np.float64)
    return sparse.csr_matrix((weights, (np.zeros(count, dtype=np.int64), features)),
                             shape=(1, n_features))
