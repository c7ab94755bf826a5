"""newsls on Ray Data: article records as columns of a dataset.

``annotate_dataset`` runs :func:`newsls.annotate` over the blocks of a
``ray.data.Dataset``, on a local Ray or a cluster alike (``ray.init()`` decides which), and adds
the record's fields as typed Arrow columns (see :func:`record_schema`):

- ``text_clean``: string;
- ``boilerplate``, ``entities``, ``quotes``: lists of structs, field for field as in the
  record (``quotes.speaker`` is a nullable struct ``{name, entity_id}``);
- ``metadata``: a struct ``{headline, publication, authors, date, dateline, agencies}``.

Needs ``pip install "newsls[ray]"``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Optional

import newsls

try:
    import pyarrow as pa
    import ray
except ImportError as error:  # pragma: no cover - depends on the install
    raise ImportError(
        'newsls.ray needs Ray Data and pyarrow: pip install "newsls[ray]"'
    ) from error

if TYPE_CHECKING:
    import ray.data

__all__ = ["annotate_dataset", "record_schema", "RECORD_COLUMNS"]

#: The columns ``annotate_dataset`` adds (an existing column of the same name is replaced).
RECORD_COLUMNS = ("text_clean", "boilerplate", "entities", "quotes", "metadata")


def record_schema() -> pa.Schema:
    """The Arrow types of the record columns, fixed so every block of a dataset agrees
    (an empty list has no type to infer) and Parquet files of it share one schema."""
    span = [("start", pa.int64()), ("end", pa.int64())]
    mention = pa.struct(span + [("text", pa.string())])
    boilerplate = pa.struct(span + [("category", pa.string()), ("reason", pa.string())])
    entity = pa.struct(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("mentions", pa.list_(mention)),
        ]
    )
    speaker = pa.struct([("name", pa.string()), ("entity_id", pa.string())])
    quote = pa.struct(
        span
        + [
            ("text", pa.string()),
            ("speaker", speaker),
            ("channel", pa.string()),
            ("confidence", pa.float64()),
        ]
    )
    metadata = pa.struct(
        [
            ("headline", pa.string()),
            ("publication", pa.string()),
            ("authors", pa.list_(pa.string())),
            ("date", pa.string()),
            ("dateline", pa.string()),
            ("agencies", pa.list_(pa.string())),
        ]
    )
    return pa.schema(
        [
            ("text_clean", pa.string()),
            ("boilerplate", pa.list_(boilerplate)),
            ("entities", pa.list_(entity)),
            ("quotes", pa.list_(quote)),
            ("metadata", metadata),
        ]
    )


def annotate_dataset(
    ds: "ray.data.Dataset",
    text_column: str = "text",
    group_by: Optional[str] = None,
    **ray_args: Any,
) -> "ray.data.Dataset":
    """Add the article record of ``text_column`` to every row of ``ds``, as columns.

    Without ``group_by`` each batch is analysed on its own, texts unrelated (no templates).
    With ``group_by`` (a site or publisher column) the rows of each group are analysed
    together, and blocks shared by at least three articles of the group are publisher
    templates: one publisher's footer is caught across its articles. A group is one batch,
    so very large groups want a finer key (site and month, say).

    ``ray_args`` go to ``map_batches`` / ``map_groups`` (``batch_size``, ``num_cpus``,
    ``concurrency`` ...). Each task analyses with as many threads as it has CPUs (one by
    default), so Ray decides the parallelism. Returns a new (lazy) dataset.
    """
    if group_by is None:
        work = functools.partial(
            _annotate_table, text_column=text_column, site_templates=False
        )
        return ds.map_batches(work, batch_format="pyarrow", **ray_args)
    work = functools.partial(
        _annotate_table, text_column=text_column, site_templates=True
    )
    return ds.groupby(group_by).map_groups(work, batch_format="pyarrow", **ray_args)


def _annotate_table(
    table: pa.Table, *, text_column: str, site_templates: bool
) -> pa.Table:
    """One batch (or group) with the record columns added."""
    if text_column not in table.column_names:
        raise KeyError(
            f"newsls: no column {text_column!r} (columns: {table.column_names})"
        )
    texts = table.column(text_column).to_pylist()
    records = newsls.annotate(
        texts, site_templates=site_templates, threads=_task_cpus()
    )
    for field in record_schema():
        column = pa.array([r[field.name] for r in records], type=field.type)
        if field.name in table.column_names:
            table = table.set_column(
                table.column_names.index(field.name), field.name, column
            )
        else:
            table = table.append_column(field.name, column)
    return table


def _task_cpus() -> int:
    """The CPUs Ray gave this task: the analysis uses no more threads than that."""
    assigned = ray.get_runtime_context().get_assigned_resources()
    return max(1, int(assigned.get("CPU", 1)))
