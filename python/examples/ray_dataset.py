#!/usr/bin/env python3
"""Annotate a JSON Lines (or Parquet) dataset of articles with newsls on Ray Data.

    python examples/ray_dataset.py articles.jsonl out/ [--group-by site] [--address auto]

Without --address it starts a local Ray on this machine. On a cluster (`ray start --head`
on one node and `ray start --address=HEAD:6379` on the others, or a KubeRay RayCluster),
run it on the head node with `--address auto`, or submit it with `ray job submit`; the
input and output paths must then be on storage every node reads (S3, GCS, NFS ...).
Each node needs `pip install "newsls[ray]"` (or a runtime_env / image that has it).
"""

import argparse

import ray
import newsls.ray


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="a .jsonl file or folder, or Parquet with --parquet")
    parser.add_argument("output", help="folder for the Parquet output")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--group-by", help="site or publisher column: templates per group")
    parser.add_argument("--parquet", action="store_true", help="the input is Parquet")
    parser.add_argument("--address", help="Ray cluster address ('auto' on a cluster node)")
    args = parser.parse_args()

    ray.init(address=args.address)
    read = ray.data.read_parquet if args.parquet else ray.data.read_json
    ds = read(args.input)
    annotated = newsls.ray.annotate_dataset(ds, text_column=args.text_column, group_by=args.group_by)
    annotated.write_parquet(args.output)
    print(f"wrote the annotated articles to {args.output}")


if __name__ == "__main__":
    main()
