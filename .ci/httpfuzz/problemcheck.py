"""Schemathesis check for actorgraph's error answers (issue 13).

Loaded by .ci/httpfuzz.sh through SCHEMATHESIS_HOOKS. Every answer with a
status of 400 or more must be an RFC 9457 problem: Content-Type
application/problem+json, a JSON object whose "status" is the answer's
status, whose "code" is one of the codes of graph/error.go, and whose
"type" is urn:actorgraph:problem:<code>, with a detail that says what is
wrong. (not_a_server_error, run beside it, fails every 5xx.)
"""

import json

import schemathesis

# The codes of graph/error.go; handlers/problem.go maps them to statuses.
CODES = {
    "invalid_argument", "not_found", "ambiguous", "unauthorized", "forbidden",
    "conflict", "too_large", "unavailable", "internal",
}


@schemathesis.check
def problem_json(ctx, response, case):
    if response.status_code < 400:
        return None
    ctype = ""
    for name, value in response.headers.items():
        if name.lower() == "content-type":
            ctype = value[0] if isinstance(value, list) else value
    if ctype.split(";")[0].strip() != "application/problem+json":
        raise AssertionError(f"status {response.status_code} answered with Content-Type {ctype!r}, not application/problem+json")
    if case.method.upper() == "HEAD":
        return None
    try:
        body = json.loads(response.content)
    except ValueError as e:
        raise AssertionError(f"status {response.status_code}: the problem is not JSON: {e}") from None
    if not isinstance(body, dict):
        raise AssertionError(f"status {response.status_code}: the problem is not a JSON object")
    code = body.get("code")
    if code not in CODES:
        raise AssertionError(f"status {response.status_code}: problem code {code!r} is not one of {sorted(CODES)}")
    if body.get("status") != response.status_code:
        raise AssertionError(f"problem status {body.get('status')!r} differs from the answer's {response.status_code}")
    if body.get("type") != "urn:actorgraph:problem:" + code:
        raise AssertionError(f"problem type {body.get('type')!r} does not name its code {code!r}")
    if not body.get("detail"):
        raise AssertionError(f"status {response.status_code}: the problem has no detail")
    return None
