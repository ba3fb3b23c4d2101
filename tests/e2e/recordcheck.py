#!/usr/bin/env python3
"""recordcheck.py - check a forksh record (follow --json, lesson --json).

usage: recordcheck.py RECORD.json SCHEMA.json [CHECK...]

First the record is validated against the JSON Schema (draft 2020-12,
docs/record.schema.json) with the jsonschema module; then each CHECK, a
Python expression, must be true.  The expressions see the record through
these names:

  doc        the whole document
  procs      its "processes" (a list of dicts)
  events     its "events"
  shell      forksh's PID; root: the first process (a dict)
  P(pid)     the process with that PID
  kids(pid)  the processes whose parent is pid
  said(pid)  the texts of the lines pid wrote, in order
  kind(k)    the events of kind k
  ran(s)     the processes whose last program's command contains s
  status(p)  a process's exit code, or minus the signal that killed it,
             or None

Prints "schema: ok" or the first schema error, then each failing check,
and exits 1 if anything failed; 3 when jsonschema is not installed (the
caller reports a skip).
"""
import json
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        import jsonschema
    except ImportError:
        print("schema: jsonschema is not installed")
        return 3
    failed = 0
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        print("schema: %s at %s" % (errors[0].message, "/".join(str(x) for x in errors[0].path)))
        failed = 1
    else:
        print("schema: ok")

    procs = doc["processes"]
    events = doc["events"]
    by_pid = {p["pid"]: p for p in procs}

    def status(p):
        s = p.get("status")
        if s is None:
            return None
        if "exited" in s:
            return s["exited"]
        return -s.get("signal", 0)

    names = {
        "doc": doc,
        "procs": procs,
        "events": events,
        "shell": doc["shell"],
        "root": by_pid.get(doc["root"]),
        "P": lambda pid: by_pid.get(pid),
        "kids": lambda pid: [p for p in procs if p["parent"] == pid],
        "said": lambda pid: [e["text"] for e in events if e["kind"] == "line" and e["pid"] == pid],
        "kind": lambda k: [e for e in events if e["kind"] == k],
        "ran": lambda s: [p for p in procs if p["command"] and s in p["command"]],
        "status": status,
    }
    for check in sys.argv[3:]:
        try:
            # the test's own expressions; globals, so that comprehensions see them
            good = eval(check, dict(names, __builtins__=__builtins__))
        except Exception as e:  # a check that cannot even be evaluated fails
            good = False
            check += "  (%s: %s)" % (type(e).__name__, e)
        if not good:
            print("failed: " + check)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
