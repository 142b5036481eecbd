"""Client for the actorgraph HTTP API.

    >>> import actorgraph
    >>> ag = actorgraph.connect("http://localhost:8080")
    >>> paths = ag.paths("Amedy Coulibaly", "AQAP", max_hops=4)
    >>> g = ag.subgraph(["aqap", "islamic-state"], depth=2)   # networkx.MultiDiGraph
    >>> for e in ag.edges(types=["MEMBER_OF"]): ...          # dicts, streamed
    >>> df = ag.edges(as_frame=True)                         # pandas.DataFrame (needs pandas)
    >>> ag = actorgraph.connect("http://localhost:8080", key="ag_...")   # a key with the write role
    >>> new = ag.ingest(text, title="...", publisher="...", published="2016-03-01", reliability="B")
    >>> for p in ag.proposals(source=new["source"]["id"], status="pending"): ...
    >>> ag.accept(p, credibility=3); ag.reject(p, "not stated in the text")

Only requests and networkx are required; pandas is optional.
"""

from .client import ActorgraphError, Client, connect, split_aliases

__all__ = ["ActorgraphError", "Client", "connect", "split_aliases"]
__version__ = "0.1.0"
