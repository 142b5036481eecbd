"""Tests of the client's ingestion and review against a running server that
holds the seed graph and accepts the write key ACTORGRAPH_KEY:

    ACTORGRAPH_INGEST_URL=http://localhost:8080 ACTORGRAPH_KEY=ag_... \\
        python3 -m unittest discover -s clients/python/tests -p test_ingest.py

The interop Go test TestPythonClient starts such a server (a fresh one, so
that these writes do not touch the graph the other tests compare against).
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import actorgraph  # noqa: E402

URL = os.environ.get("ACTORGRAPH_INGEST_URL")
KEY = os.environ.get("ACTORGRAPH_KEY")

ARTICLE = ("Investigators said on Tuesday that Hayat Boumeddine travelled to Syria in January 2015, days before "
           "the attacks.\n\nAccording to the prosecutor, Karim Benyahia, a Belgian recruiter, trained Amedy "
           "Coulibaly in Brussels in 2013. Le procureur l'a répété à la presse 😐.")


def find(proposals, keep):
    for p in proposals:
        if keep(p):
            return p
    raise AssertionError("no such proposal among %d" % len(proposals))


@unittest.skipUnless(URL and KEY, "ACTORGRAPH_INGEST_URL and ACTORGRAPH_KEY are not set")
class IngestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ag = actorgraph.connect(URL, key=KEY)
        cls.new = cls.ag.ingest(ARTICLE, title="New details emerge on the Paris network", publisher="The Daily Example",
                                published="2016-03-01", reliability="B", credibility=2)
        cls.src = cls.new["source"]["id"]

    def test_1_proposals_quote_the_text_by_code_points(self):
        text = self.ag.source_text(self.src)
        self.assertEqual(text, ARTICLE)
        self.assertEqual(self.new["source"]["text_length"], len(ARTICLE))
        ps = self.ag.proposals(source=self.src)
        self.assertEqual(len(ps), len(self.new["proposals"]))
        self.assertTrue(ps, "no proposals")
        for p in ps:
            self.assertEqual(text[p["start"]:p["end"]], p["quote"], p["id"])
            self.assertEqual(p["status"], "pending")
        mention = find(ps, lambda p: p["kind"] == "mention" and p["mention"]["actor_id"] == "hayat-boumeddiene")
        self.assertEqual(text[mention["mention"]["start"]:mention["mention"]["end"]], "Hayat Boumeddine")
        self.assertEqual(len(self.ag.proposals(source=self.src, kind="relation")), self.new["counts"]["relations"])

    def test_2_review_and_the_path_with_its_quote(self):
        ps = self.ag.proposals(source=self.src, status="pending")
        actor = find(ps, lambda p: p["kind"] == "actor" and p["actor"]["name"] == "Karim Benyahia")
        res = self.ag.accept(actor)
        self.assertEqual(res["actor"]["id"], "karim-benyahia")
        trained = find(self.ag.proposals(source=self.src, kind="relation"),
                       lambda p: p["relation"]["type"] == "TRAINED_BY")
        self.assertEqual(trained["relation"]["to"]["id"], "karim-benyahia")
        res = self.ag.accept(trained, credibility=3, valid_from="2013")
        self.assertFalse(res["merged"])
        self.assertEqual(res["relation"]["id"], "amedy-coulibaly--trained-by--karim-benyahia")
        self.assertEqual(res["audit"]["by"], "python")
        paths = self.ag.paths("Amedy Coulibaly", "Karim Benyahia", max_hops=1)
        ev = paths[0]["hops"][0]["relation"]["evidence"][0]
        self.assertEqual(ev["quote"], trained["quote"])
        self.assertEqual((ev["grading"], ev["claimant"], ev["source_title"]),
                         ("B3", "the prosecutor", "New details emerge on the Paris network"))
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.accept(trained)
        self.assertEqual(cm.exception.code, "conflict")

        country = find(self.ag.proposals(source=self.src, status="pending", kind="actor"),
                       lambda p: p["actor"]["name"] == "Belgium")
        self.assertEqual(self.ag.reject(country, "a nationality, not a place of the story")["proposal"]["status"],
                         "rejected")
        self.assertEqual(self.ag.proposal(country["id"])["decision"]["reason"], "a nationality, not a place of the story")
        actions = [(r["by"], r["action"]) for r in self.ag.audit() if r.get("source") == self.src]
        self.assertEqual(actions, [("python", "source.create"), ("python", "proposal.accept"),
                                   ("python", "proposal.accept"), ("python", "proposal.reject")])

    def test_3_bad_input(self):
        for text, code in (("", "invalid_argument"), ("\x00\x01 binary", "invalid_argument")):
            with self.assertRaises(actorgraph.ActorgraphError) as cm:
                self.ag.ingest(text, title="Bad", publisher="X", published="2016", reliability="C")
            self.assertEqual(cm.exception.code, code)
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.ingest("Some text.", title="", publisher="", published="2016", reliability="Z")
        self.assertEqual(cm.exception.code, "invalid_argument")
        self.assertGreaterEqual(len(cm.exception.problem.get("problems", [])), 3)
        arabic = self.ag.ingest("أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم في باريس.", title="Arabic",
                                publisher="X", published="2016", reliability="C")
        self.assertEqual(arabic["source"]["text_length"], len("أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم في باريس."))
        with self.assertRaises(actorgraph.ActorgraphError) as cm:
            self.ag.reject("no-such-proposal", "x")
        self.assertEqual(cm.exception.code, "not_found")


if __name__ == "__main__":
    unittest.main(verbosity=2)
