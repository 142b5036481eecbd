// A broken query the lint must reject: a missing closing parenthesis.
MATCH (a:Actor {id: $id}
RETURN a
