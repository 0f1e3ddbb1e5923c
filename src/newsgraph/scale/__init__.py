"""Scale-out: the same pipeline over many files on Ray Data, with one writer.

Workers read one work unit (a file or feed) each and analyse its articles; the driver links
near-copies, stores the rows in the DuckDB store or as Parquet partitioned by publication month,
records finished units so that a restarted job resumes, and accounts for every item. Ray and
pyarrow are optional (``pip install 'newsgraph[ray]'``): import the submodules only when needed.
"""
