"""Offline tests of the actorgraph client: a local stub HTTP server answers
with the graph/encoding golden files, so parsing, name resolution, error
mapping and authentication are checked without a real actorgraph server.

    python3 -m unittest discover -s clients/python/tests
"""

import json
import os
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import networkx as nx  # noqa: E402

import actorgraph  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "..", "..", "graph", "encoding", "testdata")
# The analysis answers are the HTTP API's own golden files.
ANSWERS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "handlers", "testdata")
IN_CI = os.environ.get("CI", "") not in ("", "false")

try:
    import pandas  # noqa: F401

    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False
AQAP = {"id": "aqap", "kind": "organization", "name": "al-Qaeda in the Arabian Peninsula", "aliases": ["AQAP"]}


class Stub(BaseHTTPRequestHandler):
    seen = []

    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def problem(self, status, code, detail):
        self.reply(status, {"type": "about:blank", "title": code, "status": status, "code": code, "detail": detail},
                   "application/problem+json")

    def golden(self, name, ctype):
        with open(os.path.join(GOLDEN, name), "rb") as f:
            self.reply(200, f.read(), ctype)

    def answer(self, name, ctype="application/json"):
        with open(os.path.join(ANSWERS, name), "rb") as f:
            self.reply(200, f.read(), ctype)

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        Stub.seen.append(("GET", u.path, q, self.headers.get("Authorization")))
        if unquote(u.path) in ("/v1/actors/aqap", "/v1/actors/al-Qaeda in the Arabian Peninsula"):
            return self.reply(200, AQAP)
        if u.path.startswith("/v1/actors/") and u.path.endswith("/network"):
            return self.golden("nodelink.json", "application/json")
        if u.path.startswith("/v1/actors/"):
            return self.reply(404, {"type": "about:blank", "title": "Not Found", "status": 404, "code": "not_found",
                                    "detail": 'no actor has the id, name or alias "nobody"; did you mean Nobby (nobby)?',
                                    "candidates": [{"id": "nobby", "name": "Nobby", "kind": "person"}]},
                              "application/problem+json")
        if u.path == "/v1/actors":
            if q.get("q") == ["Usama bin Laden"]:
                hit = {"id": "osama-bin-laden", "kind": "person", "name": "Osama bin Laden", "aliases": ["Usama bin Ladin"],
                       "score": 948, "degree": 5, "matched": "Osama bin Laden", "why": "transliteration of Osama bin Laden"}
                return self.reply(200, {"q": "Usama bin Laden", "total": 1, "total_exact": True, "limit": 20, "offset": 0, "hits": [hit]})
            hits = [{"actor": AQAP, "score": 100, "degree": 2}] if q.get("q") == ["al-Qaeda in the Arabian Peninsula"] else []
            return self.reply(200, {"total": len(hits), "hits": hits})
        if u.path == "/v1/relations" and q.get("format") == ["ndjson"]:
            return self.golden("ndjson.ndjson", "application/x-ndjson")
        if u.path == "/v1/paths":
            return self.problem(409, "ambiguous", '"Kouachi" matches 2 actors (cherif-kouachi, said-kouachi); use an id instead')
        if u.path == "/v1/stats":
            return self.reply(200, {"actors": 5, "relations": 3})
        if u.path == "/v1/analysis/centrality":
            if "series" in q:
                return self.answer("analysis-centrality-series.json")
            return self.answer("analysis-centrality-pagerank-actors.json")
        if u.path == "/v1/analysis/communities":
            if q.get("format") == ["csv"]:
                return self.answer("analysis-communities-csv.txt", "text/csv; charset=utf-8")
            return self.answer("analysis-communities.json")
        if u.path == "/v1/proposals":
            # Two pages: the client must ask for the second.
            offset = int(q.get("offset", ["0"])[0])
            page = [{"id": f"src.{i}", "kind": "relation"} for i in range(offset, min(offset + 2, 3))]
            return self.reply(200, {"total": 3, "proposals": page})
        if u.path == "/v1/audit":
            if "after" not in q:
                return self.reply(200, {"records": [{"seq": 1}, {"seq": 2}], "next": 2})
            return self.reply(200, {"records": [{"seq": 3}]})
        if u.path == "/v1/sources/src/text":
            return self.reply(200, "Chérif Kouachi 😐".encode(), "text/plain; charset=utf-8")
        return self.problem(404, "not_found", "no route")

    def do_POST(self):
        u = urlparse(self.path)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Stub.seen.append(("POST", u.path, body, self.headers.get("Authorization")))
        if u.path == "/v1/subgraph" and parse_qs(u.query).get("format") == ["nodelink"]:
            return self.golden("nodelink.json", "application/json")
        if u.path == "/v1/analysis/brokers":
            return self.answer("analysis-brokers.json")
        if u.path == "/v1/analysis/connect":
            return self.answer("analysis-connect.json")
        if u.path == "/v1/sources":
            if not body.get("text"):
                return self.problem(400, "invalid_argument", "the text is empty: send the article's plain text")
            return self.reply(201, {"source": {"id": "src"}, "counts": {}, "proposals": []})
        if u.path.startswith("/v1/proposals/") and u.path.endswith("/accept"):
            return self.reply(200, {"proposal": {"id": u.path.split("/")[3], "status": "accepted"}, "merged": False})
        if u.path.startswith("/v1/proposals/") and u.path.endswith("/reject"):
            if unquote(u.path.split("/")[3]) == "done":
                return self.problem(409, "conflict", 'proposal "done" was accepted by alice')
            return self.reply(200, {"proposal": {"id": u.path.split("/")[3], "status": "rejected"}, "merged": False})
        return self.problem(404, "not_found", "no route")


class OfflineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
        threading.Thread(target=cls.srv.serve_forever, daemon=True).start()
        cls.url = f"http://127.0.0.1:{cls.srv.server_address[1]}"
        cls.ag = actorgraph.connect(cls.url, key="secret-key")

    @classmethod
    def tearDownClass(cls):
        cls.srv.shutdown()

    def setUp(self):
        Stub.seen.clear()

    def test_subgraph_is_a_multidigraph_with_attributes(self):
        g = self.ag.subgraph(["al-Qaeda in the Arabian Peninsula", "aqap"], depth=2, types=["CLAIMED_BY"])
        self.assertIsInstance(g, nx.MultiDiGraph)
        self.assertEqual(g.nodes["abu-bakr-al-baghdadi"]["name"], "أبو بكر البغدادي")
        self.assertEqual(g.nodes["aqap"]["aliases"], ["AQAP", "Ansar al-Sharia", "a|b \\ c"])
        e = g.edges["charlie-hebdo-attack", "aqap", "charlie-hebdo-attack--claimed-by--aqap"]
        self.assertTrue(e["contested"])
        self.assertEqual(e["evidence_count"], 2)
        post = [s for s in Stub.seen if s[0] == "POST"][0]
        self.assertEqual(post[2], {"seeds": ["aqap", "aqap"], "depth": 2, "types": ["CLAIMED_BY"]})

    def test_network_resolves_a_name(self):
        g = self.ag.network("al-Qaeda in the Arabian Peninsula", depth=2)
        self.assertIsInstance(g, nx.MultiDiGraph)
        net = [s for s in Stub.seen if s[1].endswith("/network")][0]
        self.assertEqual(net[1], "/v1/actors/aqap/network")
        self.assertEqual(net[2]["depth"], ["2"])

    def test_edges_stream_dicts_with_the_relation_type(self):
        edges = list(self.ag.edges(types=["TRAINED_IN", "MEMBER_OF"]))
        self.assertEqual(len(edges), 3)
        self.assertEqual(edges[0]["type"], "TRAINED_IN")
        self.assertNotIn("relation", edges[0])
        self.assertEqual(edges[1]["first_quote"].splitlines()[1], "second line")
        q = [s for s in Stub.seen if s[1] == "/v1/relations"][0][2]
        self.assertEqual(q["types"], ["TRAINED_IN,MEMBER_OF"])

    def test_errors_carry_code_and_candidates_text(self):
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.paths("Kouachi", "aqap", max_hops=3, include_contested=False)
        self.assertEqual(cm.exception.code, "ambiguous")
        self.assertEqual(cm.exception.status, 409)
        self.assertIn("cherif-kouachi", str(cm.exception))
        q = [s for s in Stub.seen if s[1] == "/v1/paths"][0][2]
        self.assertEqual((q["from"], q["max_hops"], q["include_contested"]), (["Kouachi"], ["3"], ["false"]))

    def test_search_says_what_matched_and_why(self):
        hits = self.ag.search("Usama bin Laden")
        self.assertEqual([(h["id"], h["matched"], h["why"]) for h in hits],
                         [("osama-bin-laden", "Osama bin Laden", "transliteration of Osama bin Laden")])
        page = self.ag.search_page("Usama bin Laden")
        self.assertEqual((page["total"], page["total_exact"]), (1, True))

    def test_unknown_name(self):
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.resolve("nobody")
        self.assertEqual(cm.exception.code, "not_found")
        self.assertEqual([c["id"] for c in cm.exception.problem["candidates"]], ["nobby"])
        self.assertIn("did you mean", str(cm.exception))

    def test_ingest_sends_the_article(self):
        import datetime
        res = self.ag.ingest("Some text.", title="T", publisher="P", published=datetime.date(2016, 3, 1),
                             reliability="B", credibility=2)
        self.assertEqual(res["source"]["id"], "src")
        post = Stub.seen[-1]
        self.assertEqual(post[1], "/v1/sources")
        self.assertEqual(post[2], {"title": "T", "publisher": "P", "published": "2016-03-01", "reliability": "B",
                                   "text": "Some text.", "credibility": 2})
        self.assertEqual(post[3], "Bearer secret-key")
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.ingest("", title="T", publisher="P", published="2016", reliability="B")
        self.assertEqual(cm.exception.code, "invalid_argument")

    def test_proposals_and_audit_read_every_page(self):
        self.assertEqual([p["id"] for p in self.ag.proposals(source="src", status="pending")], ["src.0", "src.1", "src.2"])
        first = [s for s in Stub.seen if s[1] == "/v1/proposals"][0][2]
        self.assertEqual((first["source"], first["status"]), (["src"], ["pending"]))
        self.assertEqual([r["seq"] for r in self.ag.audit()], [1, 2, 3])
        self.assertEqual(self.ag.source_text("src"), "Chérif Kouachi 😐")

    def test_accept_and_reject(self):
        res = self.ag.accept({"id": "src.1", "kind": "relation"}, from_="aqap", credibility=3, reverse=True)
        self.assertEqual(res["proposal"]["status"], "accepted")
        self.assertEqual(Stub.seen[-1][1], "/v1/proposals/src.1/accept")
        self.assertEqual(Stub.seen[-1][2], {"from": "aqap", "credibility": 3, "reverse": True})
        self.ag.reject("src.2", "not in the text")
        self.assertEqual(Stub.seen[-1][2], {"reason": "not in the text"})
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.reject("done", "again")
        self.assertEqual((cm.exception.code, cm.exception.status), ("conflict", 409))

    def test_centrality_rows(self):
        rows = self.ag.centrality("pagerank", top=3, actors=["Lone Wolf", "aqap"], include_contested=False,
                                  types=["TRAINED_BY"], as_frame=False)
        q = Stub.seen[-1][2]
        self.assertEqual((q["measure"], q["top"], q["actors"], q["include_contested"], q["types"]),
                         (["pagerank"], ["3"], ["Lone Wolf,aqap"], ["false"], ["TRAINED_BY"]))
        self.assertIsInstance(rows, list)
        # The top three, then the actor asked for that is not among them.
        self.assertEqual([r["id"] for r in rows], ["cherif-kouachi", "amedy-coulibaly", "aqap", "lone-wolf"])
        self.assertEqual([r["rank"] for r in rows], [1, 2, 3, 9])
        self.assertEqual(set(rows[0]), {"rank", "id", "name", "kind", "value", "stderr"})
        self.assertAlmostEqual(sum(r["value"] for r in rows[:3]), 0.32069429989675097 + 0.14486376456095842 + 0.1305495238056672)

    def test_centrality_series_is_long(self):
        rows = self.ag.centrality("degree", series=range(2010, 2017), top=2, as_frame=False)
        self.assertEqual(Stub.seen[-1][2]["series"], ["2010..2016"])
        self.assertEqual(set(rows[0]), {"id", "name", "kind", "year", "as_of", "value", "rank"})
        years = sorted({r["year"] for r in rows})
        self.assertEqual(years, list(range(2010, 2017)))
        self.assertEqual(len(rows) % len(years), 0)

    @unittest.skipUnless(HAVE_PANDAS or IN_CI, "pandas is not installed")
    def test_frames(self):
        import pandas as pd

        df = self.ag.centrality("pagerank", top=3)
        self.assertIsInstance(df, pd.DataFrame)
        self.assertEqual(list(df["id"])[:3], ["cherif-kouachi", "amedy-coulibaly", "aqap"])
        self.assertEqual(df.attrs["answer"]["measure"], "pagerank")
        ts = self.ag.centrality("degree", series="2010..2016", top=2)
        wide = ts.pivot(index="year", columns="id", values="value")
        self.assertEqual(list(wide.index), list(range(2010, 2017)))
        br = self.ag.brokers("Amedy Coulibaly", "aqap")
        self.assertIsInstance(br, pd.DataFrame)
        self.assertIn("score", br.columns)
        cm = self.ag.communities(seed=1)
        self.assertIsInstance(cm, pd.DataFrame)
        self.assertEqual(len(cm), 9)
        self.assertIn("modularity", cm.attrs["answer"])

    def test_brokers_body_and_rows(self):
        rows = self.ag.brokers("Amedy Coulibaly", ["aqap"], expand=["members", "affiliates"], mode="nearest",
                               max_hops=5, as_of="2015", exclude_types="LOCATED_IN,NATIONAL_OF", as_frame=False)
        self.assertEqual(Stub.seen[-1][2], {"a": ["Amedy Coulibaly"], "b": ["aqap"], "expand": "members,affiliates",
                                            "mode": "nearest", "max_hops": 5, "as_of": "2015",
                                            "exclude_types": ["LOCATED_IN", "NATIONAL_OF"]})
        self.assertTrue(rows)
        r = rows[0]
        self.assertEqual((r["rank"], r["id"]), (1, "cherif-kouachi"))
        hop = r["examples"][0]["hops"][0]
        self.assertTrue(hop["relation"]["evidence"][0]["quote"])
        self.assertEqual(r["example"], r["examples"][0]["text"])

    def test_communities_rows(self):
        rows = self.ag.communities(seed=1, as_frame=False)
        self.assertEqual(Stub.seen[-1][2]["format"], ["csv"])
        self.assertEqual(Stub.seen[-1][2]["seed"], ["1"])
        self.assertEqual(len(rows), 9)
        self.assertIsInstance(rows[0]["community"], int)
        self.assertEqual({r["community"] for r in rows if r["id"] in ("cherif-kouachi", "said-kouachi")}, {1})

    def test_connect_graph_carries_evidence(self):
        g = self.ag.connect(["Amedy Coulibaly", "yemen", "Saïd Kouachi", "lone-wolf"], max_hops=3)
        self.assertEqual(Stub.seen[-1][2], {"actors": ["Amedy Coulibaly", "yemen", "Saïd Kouachi", "lone-wolf"], "max_hops": 3})
        self.assertIsInstance(g, nx.MultiDiGraph)
        self.assertEqual(g.number_of_edges(), 3)
        self.assertTrue(g.nodes["yemen"]["terminal"])
        self.assertFalse(g.nodes["cherif-kouachi"]["terminal"])
        e = g.edges["cherif-kouachi", "yemen", "cherif-kouachi--trained-in--yemen"]
        self.assertEqual(e["type"], "TRAINED_IN")
        self.assertEqual(e["evidence"][0]["quote"], "trained in Yemen")
        self.assertEqual(e["evidence"][0]["grading"], "B2")
        self.assertEqual([gp["actor"]["id"] for gp in g.graph["gaps"]], ["lone-wolf"])
        self.assertIn("Steiner", g.graph["method"])
        self.assertEqual(nx.number_weakly_connected_components(g.subgraph(n for n in g if g.nodes[n]["terminal"] or g.degree(n))), 1)

    def test_key_is_sent_as_bearer(self):
        self.ag.stats()
        self.assertEqual(Stub.seen[-1][3], "Bearer secret-key")


if __name__ == "__main__":
    unittest.main(verbosity=2)
