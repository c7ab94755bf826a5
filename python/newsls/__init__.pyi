"""newsls for dataset pipelines: boilerplate, entities, quotes and metadata of news articles.

Every ``start``/``end`` is an index into the original ``str`` (code points), so
``text[m["start"]:m["end"]] == m["text"]``. Offsets refer to the original text, not to
``text_clean``.
"""

from typing import Iterable, List, Literal, Optional, TypedDict

__version__: str

class BoilerplateSpan(TypedDict):
    """One boilerplate line of the article."""

    start: int
    end: int
    category: Literal[
        "appeal",
        "navigation",
        "teaser-list",
        "caption",
        "notice",
        "duplicate",
        "title",
        "template",
        "aside",
    ]
    reason: str

class Mention(TypedDict):
    start: int
    end: int
    text: str

class Entity(TypedDict):
    """A person, organization, place or other name with all its mentions."""

    id: str
    """The same in every article: ``kind:folded-name``, e.g. ``person:sergei-lavrov``."""
    name: str
    kind: Literal["person", "organization", "place", "other"]
    mentions: List[Mention]

class Speaker(TypedDict):
    name: str
    entity_id: Optional[str]
    """The ``id`` of the speaker in ``entities``, when the article names them."""

class Quote(TypedDict):
    """A quotation from its opening to its closing mark, and who said it."""

    start: int
    end: int
    text: str
    speaker: Optional[Speaker]
    channel: Optional[str]
    """The outlet that relayed the words ("Tass quoted ..."), if any."""
    confidence: Optional[float]
    """How sure the attribution is, 0.0 to 1.0; None without a speaker."""

class Metadata(TypedDict):
    headline: Optional[str]
    publication: Optional[str]
    authors: List[str]
    date: Optional[str]
    """``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the text gives no more."""
    dateline: Optional[str]
    agencies: List[str]

class ArticleRecord(TypedDict):
    text_clean: str
    """The article without its boilerplate lines: what ``newsls strip`` prints."""
    boilerplate: List[BoilerplateSpan]
    entities: List[Entity]
    quotes: List[Quote]
    metadata: Metadata

def analyze(text: str) -> ArticleRecord:
    """Analyse one article and return its record.

    Raises ``TypeError`` when ``text`` is not a ``str``, ``ValueError`` when it is over
    16 MiB of UTF-8 or holds a lone surrogate, ``RuntimeError`` on an internal failure.
    """

def annotate(
    texts: Iterable[str],
    *,
    site_templates: bool = True,
    threads: Optional[int] = None,
) -> List[ArticleRecord]:
    """Analyse many articles in parallel with the GIL released; one record per text, in order.

    With ``site_templates``, blocks shared by at least three texts of the call are publisher
    templates (boilerplate category ``template``), as in a newsls workspace: pass one site's
    articles together, or set it to False for unrelated texts. ``threads`` caps the worker
    threads (default: every core).

    Raises ``TypeError`` when ``texts`` is a ``str`` or holds anything but ``str``;
    ``ValueError`` for a text over 16 MiB or with a lone surrogate.
    """
