"""Splits the sector labels into a development part and a held-out part, once.

The labels were written by hand in two files (every title with the kind of organization it was seen at and its
family and level; every query with what it means and who asks). This script shuffled each family's rows with a
fixed seed and sent every third one, starting with the first, to heldout/, so both parts cover every family and level. The combined
files are not kept: dev/ is what matching was developed against, heldout/ was committed in the same commit,
before any taxonomy change, and is evaluated only by HeldOutEvaluationTests.

Run (once): python3 split.py all-titles.csv all-queries.csv
"""
import csv
import os
import random
import sys
from collections import defaultdict

rng = random.Random(13)


def split(rows, key):
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    dev, held = [], []
    for name in sorted(groups):
        group = groups[name]
        rng.shuffle(group)
        for i, row in enumerate(group):
            (held if i % 3 == 0 else dev).append(row)
    # Keep the file order of the source, so the parts read like the labels were written.
    order = {id(r): i for i, r in enumerate(rows)}
    return sorted(dev, key=lambda r: order[id(r)]), sorted(held, key=lambda r: order[id(r)])


def write(path, fields, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


titles_file, queries_file = sys.argv[1], sys.argv[2]
titles = list(csv.DictReader(open(titles_file, encoding="utf-8")))
queries = list(csv.DictReader(open(queries_file, encoding="utf-8")))
title_fields = list(titles[0].keys())
query_fields = list(queries[0].keys())

dev_titles, held_titles = split(titles, lambda r: r["families"].split("|")[0])
dev_queries, held_queries = split(queries, lambda r: r["family"])

write("dev/titles.csv", title_fields, dev_titles)
write("heldout/titles.csv", title_fields, held_titles)
write("dev/queries.csv", query_fields, dev_queries)
write("heldout/queries.csv", query_fields, held_queries)
print(f"titles: {len(dev_titles)} dev, {len(held_titles)} held out; queries: {len(dev_queries)} dev, {len(held_queries)} held out")
