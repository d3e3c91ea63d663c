"""Benchmarks of the library's index and search: ``./dev bench`` or ``python -m bench``.

Prints medians and ratios measured in one run, each task in a fresh process:

- building the seed library (split + index, both cores) next to jieba alone segmenting the
  same text (ratio: the bar is 1.5×);
- search latency, top 20 with snippets, p50/p95 over the queries of ``bench/queries.txt``,
  on the seed library and on a synthetic library of the seeds' documents ten times over;
- peak memory (RSS) of building and of a searching process;
- cold time from process start to the first result;
- known-item search: each seed 文号 in three forms first, 10 title characters in the top 3.

``python -m bench.scale_bench`` (also run by ``./dev bench``) measures the search at 10× and
50× the seeds per query kind, with tantivy + jieba as the anchor (the ``bench`` extra).

Options: ``--runs N`` (builds and cold starts to take the median of, default 3),
``--copies N`` (size of the synthetic library, default 10), ``--keep`` (reuse the libraries
built under ``bench/out/`` by an earlier run instead of building them again).
"""
