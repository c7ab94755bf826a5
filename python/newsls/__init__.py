"""newsls for dataset pipelines: boilerplate, entities, quotes and metadata of news articles.

The analysis is the Rust engine of the ``newsls`` command line tool and language server:

>>> import newsls
>>> record = newsls.analyze(text)            # one article
>>> records = newsls.annotate(texts)         # many, in parallel, in order

A record is a dict with ``text_clean``, ``boilerplate``, ``entities``, ``quotes`` and
``metadata``; every ``start``/``end`` is an index into the original ``str``, so
``text[m["start"]:m["end"]] == m["text"]``. ``newsls.ray.annotate_dataset`` does the same
for a Ray Data dataset (``pip install "newsls[ray]"``).
"""

from newsls._newsls import __version__, analyze, annotate

__all__ = ["__version__", "analyze", "annotate"]
