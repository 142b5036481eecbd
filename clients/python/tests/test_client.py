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

    def test_split_aliases(self):
        self.assertEqual(actorgraph.split_aliases("a|b\\|c|d\\\\"), ["a", "b|c", "d\\"])
        self.assertEqual(actorgraph.split_aliases(""), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
