// A broken query the lint must reject: the store writes no "confidance".
MATCH (:Actor)-[r:MET]->(:Actor)
WHERE r.confidance >= $min_confidence
RETURN r
