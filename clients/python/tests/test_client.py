"""Tests of the actorgraph client against a running server.

    ACTORGRAPH_URL=http://localhost:8080 python3 -m unittest discover -s clients/python/tests

The server must hold the seed graph plus interop/testdata/extra-bundle.json
(the interop Go test TestPythonClient starts such a server and runs this).
"""

import os
import sys
import types
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import networkx as nx  # noqa: E402

import actorgraph  # noqa: E402

URL = os.environ.get("ACTORGRAPH_URL")
ARABIC = "تنظيم القاعدة في جزيرة العرب"


@unittest.skipUnless(URL, "ACTORGRAPH_URL is not set")
class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ag = actorgraph.connect(URL)
        cls.stats = cls.ag.stats()

    def test_stats(self):
        self.assertGreater(self.stats["actors"], 0)
        self.assertGreater(self.stats["relations"], 0)

    def test_search_arabic(self):
        hits = self.ag.search(ARABIC)
        self.assertTrue(hits, "no hits for the Arabic name")
        self.assertEqual(hits[0]["id"], "interop-aqap-ar")
        self.assertEqual(hits[0]["name"], ARABIC)

    def test_search_transliteration(self):
        hits = self.ag.search("Usama bin Laden", limit=3)
        self.assertTrue(hits, "no hits for Usama bin Laden")
        self.assertEqual(hits[0]["id"], "osama-bin-laden")
        self.assertIn(hits[0]["matched"], ["Osama bin Laden", "Usama bin Ladin"])
        self.assertTrue(hits[0]["why"].startswith("transliteration of"), hits[0]["why"])

    def test_resolve(self):
        self.assertEqual(self.ag.resolve("interop-accented"), "interop-accented")
        self.assertEqual(self.ag.resolve(ARABIC), "interop-aqap-ar")
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.resolve("no such actor at all xyz")
        self.assertEqual(cm.exception.code, "not_found")

    def test_paths_with_evidence(self):
        paths = self.ag.paths("interop-place", "interop-aqap-ar", max_hops=3)
        self.assertTrue(paths, "no path from interop-place to interop-aqap-ar")
        p = paths[0]
        self.assertEqual(len(p["actors"]), len(p["hops"]) + 1)
        self.assertEqual(p["actors"][0]["id"], "interop-place")
        self.assertEqual(p["actors"][-1]["id"], "interop-aqap-ar")
        for hop in p["hops"]:
            ev = hop["relation"]["evidence"]
            self.assertTrue(ev and ev[0]["quote"], f"hop without evidence: {hop}")

    def test_paths_unknown_actor(self):
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.paths("interop-place", "no-such-actor-xyz")
        self.assertEqual(cm.exception.code, "not_found")
        self.assertEqual(cm.exception.status, 404)

    def test_subgraph(self):
        g = self.ag.subgraph(["interop-accented"], depth=1)
        self.assertIsInstance(g, nx.MultiDiGraph)
        self.assertEqual(set(g.nodes), {"interop-accented", "interop-aqap-ar", "interop-event", "interop-place"})
        # Two parallel MEMBER_OF relations, kept apart by their ids.
        keys = set(g["interop-accented"]["interop-aqap-ar"])
        self.assertEqual(keys, {"interop-accented--member-of--interop-aqap-ar",
                                "interop-accented--member-of--interop-aqap-ar--2"})
        e = g.edges["interop-accented", "interop-aqap-ar", "interop-accented--member-of--interop-aqap-ar"]
        self.assertEqual(e["type"], "MEMBER_OF")
        self.assertTrue(e["contested"])
        self.assertEqual(e["evidence_count"], 2)
        self.assertEqual(e["valid_from"], "2011")
        self.assertIn('"I joined in 2011"', e["first_quote"])
        self.assertEqual(g.nodes["interop-aqap-ar"]["name"], ARABIC)
        self.assertIn("a|b \\ c", g.nodes["interop-aqap-ar"]["aliases"])

    def test_network(self):
        g = self.ag.network(ARABIC, depth=1)
        self.assertIsInstance(g, nx.MultiDiGraph)
        self.assertIn("interop-accented", g)
        self.assertIn("interop-event", g)

    def test_edges_iterator(self):
        it = self.ag.edges()
        self.assertIsInstance(it, types.GeneratorType)
        edges = list(it)
        # By default the relations no claim supports are left out.
        self.assertEqual(len(edges), self.stats["relations"] - self.stats["refuted"])
        self.assertNotIn("refuted", {e["status"] for e in edges})
        everything = list(self.ag.edges(include_refuted=True))
        self.assertEqual(len(everything), self.stats["relations"])
        self.assertIn("refuted", {e["status"] for e in everything})
        byid = {e["id"]: e for e in edges}
        e = byid["interop-event--claimed-by--interop-aqap-ar"]
        self.assertEqual((e["source"], e["target"], e["type"]), ("interop-event", "interop-aqap-ar", "CLAIMED_BY"))
        self.assertEqual(e["evidence_count"], 1)

    def test_edges_filtered(self):
        edges = list(self.ag.edges(types=["CLAIMED_BY"]))
        self.assertTrue(edges)
        self.assertTrue(all(e["type"] == "CLAIMED_BY" for e in edges))

    def test_edges_frame(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            with self.assertRaises(ImportError):
                self.ag.edges(as_frame=True)
            return
        df = self.ag.edges(as_frame=True, include_refuted=True)
        self.assertEqual(len(df), self.stats["relations"])
        self.assertIn("confidence", df.columns)

    def test_whole_graph(self):
        g = self.ag.graph()
        self.assertEqual(g.number_of_nodes(), self.stats["actors"])
        self.assertEqual(g.number_of_edges(), self.stats["relations"] - self.stats["refuted"])
        g = self.ag.graph(include_refuted=True)
        self.assertEqual(g.number_of_edges(), self.stats["relations"])

    def _simple(self, **filters):
        """The undirected simple graph the analyses say they run on, made
        here from the exported graph."""
        g = self.ag.graph(**filters)
        u = nx.Graph()
        u.add_nodes_from(g)
        u.add_edges_from((a, b) for a, b in g.edges() if a != b)
        return u

    def test_centrality_equals_networkx(self):
        u = self._simple()
        for measure, want in (("betweenness", nx.betweenness_centrality(u)), ("closeness", nx.closeness_centrality(u)),
                              ("degree", nx.degree_centrality(u)),
                              ("pagerank", nx.pagerank(u, tol=1e-14, max_iter=100000))):
            rows = self.ag.centrality(measure, top=1000, as_frame=False)
            self.assertEqual(len(rows), u.number_of_nodes(), measure)
            for r in rows:
                self.assertAlmostEqual(r["value"], want[r["id"]], delta=1e-9, msg=f"{measure} of {r['id']}")
            self.assertEqual([r["rank"] for r in rows], list(range(1, len(rows) + 1)))

    def test_centrality_series(self):
        rows = self.ag.centrality("betweenness", series=(2001, 2018), top=3, as_frame=False)
        self.assertEqual(sorted({r["year"] for r in rows}), list(range(2001, 2019)))
        self.assertIn("islamic-state", {r["id"] for r in rows})
        a = self.ag.centrality_answer("betweenness", series="2001..2018", top=3)
        self.assertTrue(a["series"]["years"][0]["graph"]["description"].startswith("at the end of 2001"))

    def test_brokers_with_evidence(self):
        rows = self.ag.brokers("AQAP", "Islamic State", expand=["members", "affiliates"], top=5, as_frame=False)
        self.assertTrue(rows)
        self.assertEqual([r["rank"] for r in rows], list(range(1, len(rows) + 1)))
        for r in rows:
            self.assertGreater(r["paths"], 0)
            for ex in r["examples"]:
                self.assertIn(r["id"], [a["id"] for a in ex["actors"]])
                for hop in ex["hops"]:
                    self.assertTrue(hop["relation"]["evidence"][0]["quote"])
        a = self.ag.brokers_answer("AQAP", "Islamic State", expand="members")
        self.assertTrue(any(m["via"].startswith("member of") for m in a["a"]))

    def test_communities(self):
        rows = self.ag.communities(seed=1, as_frame=False)
        self.assertEqual(len(rows), self.stats["actors"])
        self.assertEqual(len({r["id"] for r in rows}), len(rows))
        again = self.ag.communities(seed=1, as_frame=False)
        self.assertEqual({r["id"]: r["community"] for r in rows}, {r["id"]: r["community"] for r in again})
        a = self.ag.communities_answer(seed=1, actors=["AQAP"])
        self.assertGreater(a["modularity"], 0.3)
        self.assertEqual(a["actors"][0]["community"], {r["id"]: r["community"] for r in rows}["aqap"])

    def test_connect(self):
        g = self.ag.connect(["Amedy Coulibaly", "Rachid Kassim", "Masood Azhar"])
        self.assertIsInstance(g, nx.MultiDiGraph)
        self.assertEqual(g.graph["gaps"], [])
        self.assertTrue(nx.is_weakly_connected(g))
        self.assertEqual({n for n in g if g.nodes[n]["terminal"]}, {"amedy-coulibaly", "rachid-kassim", "masood-azhar"})
        for _, _, e in g.edges(data=True):
            self.assertTrue(e["evidence"] and e["evidence"][0]["quote"] and e["evidence"][0]["grading"])
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.connect(["AQAP"])
        self.assertEqual(cm.exception.code, "invalid_argument")

    def test_split_aliases(self):
        self.assertEqual(actorgraph.split_aliases("a|b\\|c|d\\\\"), ["a", "b|c", "d\\"])
        self.assertEqual(actorgraph.split_aliases(""), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
