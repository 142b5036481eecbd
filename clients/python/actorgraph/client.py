"""The actorgraph client: a thin layer over the /v1 HTTP API."""

import csv
import io
import json
from urllib.parse import quote

import networkx as nx
import requests


class ActorgraphError(Exception):
    """An error answer of the server (RFC 9457 problem details).

    code is the stable error code (invalid_argument, not_found, ambiguous,
    unauthorized, forbidden, conflict, too_large, unavailable, internal),
    status the HTTP status, and problem the whole problem document (for
    ambiguous names it lists the candidates).
    """

    def __init__(self, status, code, message, problem=None):
        super().__init__(f"{code}: {message}" if code else message)
        self.status = status
        self.code = code
        self.message = message
        self.problem = problem or {}


def connect(url, key=None, timeout=60, session=None):
    """Return a Client for the server at url (e.g. "http://localhost:8080").

    key is an API key, sent as "Authorization: Bearer <key>"; reads need
    none unless the server has read keys configured.
    """
    return Client(url, key=key, timeout=timeout, session=session)


def split_aliases(s):
    """Split the "|"-joined aliases of the CSV, GraphML, GEXF and DOT
    formats ("\\|" is a literal "|", "\\\\" a backslash)."""
    if not s:
        return []
    out, cur, i = [], [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            cur.append(s[i + 1])
            i += 2
            continue
        if c == "|":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _params(filters):
    """Turn keyword filters into query parameters: lists become
    comma-separated, booleans true/false, None is dropped."""
    out = {}
    for k, v in filters.items():
        if v is None:
            continue
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, (list, tuple, set)):
            v = ",".join(str(x) for x in v)
        out[k] = v
    return out


def _have_pandas():
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def _table(rows, answer, as_frame):
    """rows (a list of dicts) as a pandas.DataFrame with the whole answer in
    its attrs["answer"] when as_frame is True, or None and pandas is
    installed; else the list itself."""
    if as_frame is None:
        as_frame = _have_pandas()
    if not as_frame:
        return rows
    import pandas as pd  # optional dependency

    df = pd.DataFrame.from_records(rows)
    df.attrs["answer"] = answer
    return df


def _filter_body(filters):
    """The relation filters as the fields of a JSON body: lists stay lists,
    None is dropped."""
    out = {}
    for k, v in filters.items():
        if v is None:
            continue
        if isinstance(v, (tuple, set)):
            v = list(v)
        elif isinstance(v, str) and k in ("types", "exclude_types"):
            v = [x.strip() for x in v.split(",") if x.strip()]
        out[k] = v
    return out


class Client:
    """A connection to one actorgraph server. Methods raise ActorgraphError
    for error answers and requests exceptions for network failures."""

    def __init__(self, url, key=None, timeout=60, session=None):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = "actorgraph-python/0.1"
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    # -- plumbing -----------------------------------------------------------

    def _request(self, method, path, params=None, body=None, stream=False, data=None, headers=None):
        r = self.session.request(method, self.url + path, params=params, json=body, data=data,
                                 headers=headers, timeout=self.timeout, stream=stream)
        if r.status_code >= 400:
            try:
                p = r.json()
            except ValueError:
                p = {"detail": r.text[:500]}
            r.close()
            raise ActorgraphError(r.status_code, p.get("code", ""),
                                  p.get("detail") or p.get("message") or p.get("title") or r.reason, p)
        return r

    def _json(self, method, path, params=None, body=None):
        return self._request(method, path, params, body).json()

    # -- actors ---------------------------------------------------------------

    def search(self, q, kind=None, limit=20, offset=0):
        """Search actors by name or alias, spelled as the source spells it
        (transliterations, typos, word order); returns the ranked hits as
        dicts: id, name, kind, aliases, degree, score (1000 the exact name,
        990 an exact alias, at most 980 otherwise), matched (the name or
        alias that matched, as stored) and why ("transliteration of Usama
        bin Ladin"), ..."""
        return self.search_page(q, kind, limit, offset)["hits"]

    def search_page(self, q, kind=None, limit=20, offset=0):
        """search, with the count: a dict with hits (as search returns
        them), total and total_exact. When total_exact is False the query's
        words are so common that total is an upper bound."""
        res = self._json("GET", "/v1/actors", _params({"q": q, "kind": kind, "limit": limit, "offset": offset}))
        hits = []
        for h in res.get("hits", []):
            if "actor" in h:  # {"actor": {...}, "score": .., "degree": ..}
                flat = dict(h["actor"])
                flat.update({k: v for k, v in h.items() if k != "actor"})
                h = flat
            hits.append(h)
        return {"hits": hits, "total": res.get("total", len(hits)), "total_exact": res.get("total_exact", True)}

    def actor(self, ref):
        """Return one actor by id, name or alias (dict), with its number of
        relations (degree) and their counts by type and direction
        (relations_by_type); set_aside counts the relations no claim
        supports, which the counts leave out."""
        return self._json("GET", "/v1/actors/" + quote(ref, safe=""))

    def resolve(self, ref):
        """Return the id of the actor that ref names: an id, or a name or
        alias matching exactly one actor, by the server's one policy.
        Raises ActorgraphError otherwise: code ambiguous (409) with the
        actors the name matches, or not_found (404) with the closest names,
        each with the name or alias that came close and why ("matched",
        "why"); both in e.problem["candidates"]."""
        return self.actor(ref)["id"]

    # -- graph queries ---------------------------------------------------------

    def paths(self, a, b, **filters):
        """How do a and b connect? a and b are ids or unambiguous names.

        filters are the query parameters of GET /v1/paths: mode
        ("shortest", "all_shortest", "k_shortest"), k, max_hops, types,
        exclude_types (lists), direction, min_confidence, as_of,
        include_contested, include_refuted (relations that no claim
        supports are left out unless it is true). Returns the list of
        paths; each path has its actors and hops in order, and each hop its
        relation (with its status: supported, contested or refuted) and the
        evidence (source, publisher, date, quote, claimant, grading). Use
        paths_answer for the whole answer (the query as applied, and the
        message and set_aside relations when there is no path).
        """
        return self.paths_answer(a, b, **filters).get("paths", [])

    def paths_answer(self, a, b, **filters):
        """The whole answer of GET /v1/paths as a dict: query, count,
        truncated, paths, and when there is no path a message and the
        relations set_aside because their sources deny them."""
        params = _params(dict(filters, **{"from": a, "to": b}))
        return self._json("GET", "/v1/paths", params)

    def subgraph(self, seeds, depth=1, types=None, limit=None, **filters):
        """The subgraph around seeds (ids or names) within depth hops, as a
        networkx.MultiDiGraph: nodes keyed by actor id with name, kind,
        aliases, description, start, end; edges keyed by relation id with
        type, role, confidence, contested, status, valid_from, valid_to,
        evidence_count, first_source, first_quote. filters: exclude_types,
        direction, min_confidence, as_of, include_contested,
        include_refuted."""
        body = {"seeds": [self.resolve(s) for s in seeds], "depth": depth}
        if types:
            body["types"] = list(types)
        if limit:
            body["limit"] = limit
        body.update({k: v for k, v in filters.items() if v is not None})
        data = self._json("POST", "/v1/subgraph", {"format": "nodelink"}, body)
        return nx.node_link_graph(data, edges="edges")

    def network(self, actor, depth=1, types=None, limit=None, **filters):
        """The ego network of actor (id or name) as a networkx.MultiDiGraph
        (attributes and filters as in subgraph)."""
        aid = self.resolve(actor)
        params = _params(dict(filters, depth=depth, types=types, limit=limit, format="nodelink"))
        data = self._json("GET", f"/v1/actors/{quote(aid, safe='')}/network", params)
        return nx.node_link_graph(data, edges="edges")

    def graph(self, include_refuted=False):
        """The whole graph as a networkx.MultiDiGraph (GET
        /v1/export?format=nodelink); relations no claim supports only with
        include_refuted=True."""
        params = _params({"format": "nodelink", "include_refuted": include_refuted or None})
        return nx.node_link_graph(self._json("GET", "/v1/export", params), edges="edges")

    def edges(self, types=None, as_of=None, as_frame=False, **filters):
        """The edge list (GET /v1/relations?format=ndjson), streamed.

        Returns an iterator of dicts (id, source, target, type, role,
        confidence, contested, status, valid_from, valid_to,
        evidence_count, first_source, first_quote); relations no claim
        supports only with include_refuted=True. With as_frame=True it returns a
        pandas.DataFrame instead, and raises ImportError if pandas is not
        installed.
        """
        params = _params(dict(filters, types=types, as_of=as_of, format="ndjson"))
        if as_frame:
            import pandas as pd  # optional dependency
            return pd.DataFrame.from_records(list(self._edges(params)))
        return self._edges(params)

    def _edges(self, params):
        r = self._request("GET", "/v1/relations", params, stream=True)
        with r:
            for line in r.iter_lines(decode_unicode=False):
                if not line.strip():
                    continue
                obj = json.loads(line)
                kind = obj.get("type")
                if kind == "node":
                    continue
                if kind == "edge" and "relation" in obj:
                    obj = dict(obj)
                    obj.pop("type")
                    obj["type"] = obj.pop("relation")
                    obj.pop("key", None)
                    obj.pop("label", None)
                yield obj

    def stats(self):
        """Counts by kind and type, and the most connected actors."""
        return self._json("GET", "/v1/stats")

    # -- network analysis ------------------------------------------------------
    #
    # Every analysis runs on the undirected simple graph of the relations
    # that pass the filters (types, exclude_types, min_confidence, as_of,
    # include_contested, include_refuted), every actor a node; the answer
    # states it (answer["graph"]["description"]).

    def centrality_answer(self, measure="degree", top=None, series=None, actors=None, seed=None, samples=None,
                          **filters):
        """The whole answer of GET /v1/analysis/centrality as a dict: query,
        graph, definition, method (exact, or sampled with its error bound),
        top, actors and, with series, the series by year."""
        if isinstance(series, (tuple, list)):
            series = f"{series[0]}..{series[-1]}"
        elif isinstance(series, range):
            series = f"{series.start}..{series.stop - 1}"
        params = _params(dict(filters, measure=measure, top=top, series=series, actors=actors, seed=seed,
                              samples=samples))
        return self._json("GET", "/v1/analysis/centrality", params)

    def centrality(self, measure="degree", top=None, series=None, actors=None, seed=None, samples=None,
                   as_frame=None, **filters):
        """Rank actors by a centrality measure: degree, betweenness,
        closeness, pagerank or eigenvector (each as networkx computes it).

        Returns one row per actor (the top, then the actors asked for, by id
        or name): rank, id, name, kind, value, stderr (sampled betweenness
        only). With series (e.g. "2001..2018", (2001, 2018) or
        range(2001, 2019)) one row per actor and year instead: id, name,
        kind, year, as_of, value, rank, for every actor in the top of some
        year, so that df.pivot(index="year", columns="name",
        values="value") plots each actor's rise and fall.

        A pandas.DataFrame when pandas is installed (as_frame=None) or
        as_frame=True, the whole answer in df.attrs["answer"]; otherwise a
        list of dicts.
        """
        a = self.centrality_answer(measure, top, series, actors, seed, samples, **filters)
        if a.get("series"):
            rows = []
            for s in a["series"]["actors"]:
                act = s["actor"]
                for y, v, r in zip(a["series"]["years"], s["values"], s["ranks"]):
                    rows.append({"id": act["id"], "name": act["name"], "kind": act["kind"], "year": y["year"],
                                 "as_of": y["as_of"], "value": v, "rank": r})
        else:
            rows, seen = [], set()
            for s in a["top"] + a["actors"]:
                act = s["actor"]
                if act["id"] in seen:
                    continue
                seen.add(act["id"])
                rows.append({"rank": s["rank"], "id": act["id"], "name": act["name"], "kind": act["kind"],
                             "value": s["value"], "stderr": s.get("stderr")})
        return _table(rows, a, as_frame)

    def brokers_answer(self, a, b, expand=None, mode=None, max_hops=None, top=None, examples=None,
                       include_direct=None, **filters):
        """The whole answer of POST /v1/analysis/brokers as a dict: the sets
        as expanded (a, b), the direct relations set aside, the method, and
        the brokers, each with example paths whose hops carry their relation
        and evidence."""
        if isinstance(a, str):
            a = [a]
        if isinstance(b, str):
            b = [b]
        if isinstance(expand, (list, tuple, set)):
            expand = ",".join(expand)
        body = {"a": list(a), "b": list(b)}
        body.update(_filter_body(dict(filters, expand=expand, mode=mode, max_hops=max_hops, top=top,
                                      examples=examples, include_direct=include_direct)))
        return self._json("POST", "/v1/analysis/brokers", body=body)

    def brokers(self, a, b, expand=None, mode=None, max_hops=None, top=None, examples=None, include_direct=None,
                as_frame=None, **filters):
        """Who lies between two sets of actors: a and b are an actor (id or
        name) or lists of them; expand="members" or ["members",
        "affiliates"] widens both sets; mode "pairs" (every pair of the sets
        counts) or "nearest" (only the shortest paths between the sets).

        Returns one row per broker: rank, id, name, kind, side ("a" or "b"
        when the broker is itself in a set), score, paths (shortest paths
        through it), share, example (the first example path in words) and
        examples (the paths, with every hop's relation and evidence). A
        pandas.DataFrame as for centrality (the answer in
        df.attrs["answer"]), or a list of dicts.
        """
        ans = self.brokers_answer(a, b, expand, mode, max_hops, top, examples, include_direct, **filters)
        rows = []
        for x in ans["brokers"]:
            act = x["actor"]
            rows.append({"rank": x["rank"], "id": act["id"], "name": act["name"], "kind": act["kind"],
                         "side": x.get("side", ""), "score": x["score"], "paths": x["paths"], "share": x["share"],
                         "example": x["examples"][0]["text"] if x["examples"] else "", "examples": x["examples"]})
        return _table(rows, ans, as_frame)

    def communities_answer(self, seed=None, resolution=None, top=None, members=None, actors=None, **filters):
        """The whole answer of GET /v1/analysis/communities as a dict:
        modularity, count, method, the largest communities (named by their
        most connected members) and the communities of the actors asked
        for."""
        params = _params(dict(filters, seed=seed, resolution=resolution, top=top, members=members, actors=actors))
        return self._json("GET", "/v1/analysis/communities", params)

    def communities(self, seed=None, resolution=None, as_frame=None, **filters):
        """The community of every actor (Leiden, seeded: the same graph and
        seed give the same communities): one row per actor with id, name,
        kind, community (1 for the largest), community_size, community_name
        and inside (its neighbours in its community).

        A pandas.DataFrame as for centrality, with the summary (modularity,
        the named communities) in df.attrs["answer"] (a second request, for
        the same seed), or a list of dicts.
        """
        params = _params(dict(filters, seed=seed, resolution=resolution, format="csv"))
        r = self._request("GET", "/v1/analysis/communities", params)
        r.encoding = "utf-8"
        rows = list(csv.DictReader(io.StringIO(r.text)))
        for row in rows:
            for k in ("community", "community_size", "inside"):
                row[k] = int(row[k])
        if as_frame is None:
            as_frame = _have_pandas()
        answer = self.communities_answer(seed=seed, resolution=resolution, **filters) if as_frame else None
        return _table(rows, answer, as_frame)

    def connect_answer(self, actors, max_hops=None, **filters):
        """The whole answer of POST /v1/analysis/connect as a dict."""
        body = {"actors": list(actors)}
        body.update(_filter_body(dict(filters, max_hops=max_hops)))
        return self._json("POST", "/v1/analysis/connect", body=body)

    def connect(self, actors, max_hops=None, **filters):
        """The connecting network of several actors (ids or names): a small
        tree joining them all (a Steiner tree approximation), as a
        networkx.MultiDiGraph.

        Nodes are actor ids with name, kind and terminal (True for the
        actors asked for); edges run as the relations are stored, keyed by
        relation id, with type, confidence, status, contested, valid_from,
        valid_to, text (the hop in words) and evidence (every piece: source,
        source_title, publisher, date, quote, claimant, stance, grading).
        G.graph holds method, message, terminals, gaps (the actors that
        could not be joined, each with its reason and message),
        connections (each path in words) and the graph the analysis ran on.
        """
        a = self.connect_answer(actors, max_hops, **filters)
        g = nx.MultiDiGraph()
        terminals = {t["id"] for t in a["terminals"]}
        g.graph.update({"method": a["method"], "message": a["message"], "terminals": a["terminals"],
                        "gaps": a["gaps"], "analysis_graph": a["graph"], "connections": []})
        for part in [a["network"]] + a.get("others", []):
            for act in part["actors"]:
                g.add_node(act["id"], name=act["name"], kind=act["kind"], terminal=act["id"] in terminals)
            for c in part["connections"]:
                g.graph["connections"].append(c["path"]["text"])
                for hop in c["path"]["hops"]:
                    r = hop["relation"]
                    if g.has_edge(r["from"], r["to"], key=r["id"]):
                        continue
                    g.add_edge(r["from"], r["to"], key=r["id"], type=r["type"], confidence=r["confidence"],
                               status=r["status"], contested=r["contested"], valid_from=r.get("valid_from"),
                               valid_to=r.get("valid_to"), text=hop["text"], evidence=r["evidence"])
        return g

    # -- ingestion and review ------------------------------------------------------

    def ingest(self, text, title, publisher, published, reliability, credibility=None, url=None, author=None,
               id=None):
        """Store an article with its text and run extraction on it
        (POST /v1/sources; needs a key with the write role).

        published is a date ("2016-03-01", "2016-03", "2016", or a
        datetime.date); reliability the Admiralty grading of the source, "A"
        to "F"; credibility 1 to 6. Returns a dict: source (with its id),
        counts (mentions, actors, relations) and proposals, each with its id,
        kind, quote, start and end (code points: text[start:end] == quote),
        claimant, stance, score and status "pending". Nothing enters the
        graph until a proposal is accepted. Bad input (empty or binary
        text, a missing field) raises ActorgraphError invalid_argument, a
        text over the limit too_large; nothing is stored then.
        """
        if hasattr(published, "isoformat"):
            published = published.isoformat()
        body = {"title": title, "publisher": publisher, "published": published, "reliability": reliability,
                "text": text}
        for k, v in (("credibility", credibility), ("url", url), ("author", author), ("id", id)):
            if v is not None:
                body[k] = v
        return self._json("POST", "/v1/sources", body=body)

    def source_text(self, source):
        """The full text of a source, as stored (str)."""
        r = self._request("GET", f"/v1/sources/{quote(source, safe='')}/text")
        r.encoding = "utf-8"
        return r.text

    def extract(self, source):
        """Run extraction again on a stored source: its pending proposals are
        replaced, decided ones kept. Returns the source, the pending
        proposals and what was replaced (replaced: removed, added,
        decided)."""
        return self._json("POST", f"/v1/sources/{quote(source, safe='')}/extract")

    def proposals(self, source=None, status=None, kind=None):
        """The proposals, every page of them, as a list of dicts, by
        source and place in the text. source, status ("pending",
        "accepted", "rejected") and kind ("mention", "actor", "relation")
        select them."""
        out, offset = [], 0
        while True:
            page = self._json("GET", "/v1/proposals", _params({
                "source": source, "status": status, "kind": kind, "limit": 1000, "offset": offset or None}))
            got = page.get("proposals", [])
            out.extend(got)
            offset += len(got)
            if not got or offset >= page.get("total", 0):
                return out

    def proposal(self, proposal):
        """One proposal (an id, or a proposal dict), with its decision once
        decided."""
        return self._json("GET", "/v1/proposals/" + quote(_proposal_id(proposal), safe=""))

    def accept(self, proposal, **edits):
        """Accept a proposal (an id, or a proposal dict), optionally with
        edits: for a relation type, reverse, from_ (or **{"from": ...}), to,
        valid_from, valid_to, role, stance, claimant, reliability,
        credibility, piece, quote_start, quote_end; for a new actor id,
        name, kind, aliases, description, or actor (an existing actor); for
        a mention actor. Returns what was written: proposal, actor or
        relation, merged (the evidence went onto an existing relation),
        resolved and the audit record. A decided proposal raises
        ActorgraphError conflict."""
        if "from_" in edits:
            edits["from"] = edits.pop("from_")
        body = {k: v for k, v in edits.items() if v is not None}
        for k in ("valid_from", "valid_to"):
            if hasattr(body.get(k), "isoformat"):
                body[k] = body[k].isoformat()
        return self._json("POST", f"/v1/proposals/{quote(_proposal_id(proposal), safe='')}/accept", body=body)

    def reject(self, proposal, reason):
        """Reject a proposal (an id, or a proposal dict) for reason
        (required). Returns the decision and its audit record."""
        return self._json("POST", f"/v1/proposals/{quote(_proposal_id(proposal), safe='')}/reject",
                          body={"reason": reason})

    def audit(self, since=None):
        """The audit log, oldest first, every page of it: who did what and
        when, and what changed. since is a datetime, a date or an RFC 3339
        string."""
        if hasattr(since, "isoformat"):
            since = since.isoformat()
        out, after = [], None
        while True:
            page = self._json("GET", "/v1/audit", _params({"since": since, "after": after, "limit": 1000}))
            out.extend(page.get("records", []))
            after = page.get("next")
            if after is None:
                return out


def _proposal_id(p):
    return p["id"] if isinstance(p, dict) else p
