#!/usr/bin/env python3
"""newsgraph on Apache Spark: extraction as the map, newsgraph's merge as the reduce.

Each partition of a JSON Lines corpus ({"id", "text", "date", "title", "url"} per
line) is handed to `newsgraph build` on the executor that holds it, which writes
that partition's graph; the graphs are then combined pairwise with
`newsgraph merge` in a tree (`treeReduce`). Merging is associative and
commutative and counts an article once however often it is seen, so the result
is the graph `newsgraph build CORPUS` gives on one machine, byte for byte.

usage:
  newsgraph_spark.py CORPUS.jsonl OUT.ron [--newsgraph PATH] [--partitions N] [--master URL]

The newsgraph binary must exist at PATH on every executor (the same path; on a
cluster, ship it with `spark-submit --files` and pass its name). The output
format follows OUT's extension (.ron, .json, .graphml, .html, ...), as for
`newsgraph merge -o`.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def run(cmd):
    """Runs newsgraph; its error message (file:line) becomes the Spark task's error."""
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    for line in done.stderr.splitlines():
        # warnings about bad records are worth seeing in the executor logs
        print(line, file=sys.stderr)


def with_id(corpus):
    """Gives a record without an id the one `newsgraph build CORPUS` would
    give it, CORPUS:LINE, so that Spark's graph equals the local one."""

    def fill(pair):
        line, index = pair
        if '"id"' in line:
            return line
        try:
            record = json.loads(line)
        except ValueError:
            return line  # newsgraph reports it and skips it
        if isinstance(record, dict) and record.get("id") is None:
            record["id"] = f"{corpus}:{index + 1}"
            return json.dumps(record, ensure_ascii=False)
        return line

    return fill


def build_partition(newsgraph):
    """The map step: one partition's JSON Lines records → one graph (RON text)."""

    def build(index, lines):
        with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
            corpus = os.path.join(tmp, f"part-{index:05}.jsonl")
            with open(corpus, "w", encoding="utf-8") as f:
                for line in lines:
                    f.write(line + "\n")
            out = os.path.join(tmp, "part.ron")
            run([newsgraph, "build", corpus, "-o", out, "--quiet", "--threads", "1"])
            with open(out, encoding="utf-8") as f:
                yield f.read()

    return build


def merge_graphs(newsgraph):
    """The reduce step: two graphs (RON text) → their merge (RON text)."""

    def merge(a, b):
        with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
            paths = []
            for name, text in (("a.ron", a), ("b.ron", b)):
                path = os.path.join(tmp, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                paths.append(path)
            out = os.path.join(tmp, "merged.ron")
            run([newsgraph, "merge", *paths, "-o", out])
            with open(out, encoding="utf-8") as f:
                return f.read()

    return merge


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus", help="JSON Lines corpus (a path Spark can read: local, HDFS, S3, ...)")
    p.add_argument("output", help="the merged graph; format from the extension")
    p.add_argument("--newsgraph", default="newsgraph", help="path of the newsgraph binary on the executors")
    p.add_argument("--partitions", type=int, default=None, help="how many pieces to split the corpus into")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    args = p.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsgraph")
    if args.master:
        builder = builder.master(args.master)
    elif "SPARK_HOME" not in os.environ and "PYSPARK_SUBMIT_ARGS" not in os.environ:
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        lines = spark.sparkContext.textFile(args.corpus, minPartitions=args.partitions)
        lines = lines.zipWithIndex().filter(lambda p: p[0].strip() != "").map(with_id(args.corpus))
        if args.partitions:
            lines = lines.repartition(args.partitions)
        graphs = lines.mapPartitionsWithIndex(build_partition(args.newsgraph))
        if graphs.isEmpty():
            sys.exit(f"{args.corpus}: no records")
        merged = graphs.treeReduce(merge_graphs(args.newsgraph))
    finally:
        spark.stop()

    # the driver writes the final graph in the format the output asks for
    with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
        whole = os.path.join(tmp, "whole.ron")
        with open(whole, "w", encoding="utf-8") as f:
            f.write(merged)
        run([args.newsgraph, "export", whole, "-o", args.output])
    print(f"{args.output}: written", file=sys.stderr)


if __name__ == "__main__":
    main()
