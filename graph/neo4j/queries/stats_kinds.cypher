MATCH (a:Actor)
RETURN a.kind AS kind, count(a) AS n
