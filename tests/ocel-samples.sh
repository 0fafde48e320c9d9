#!/bin/sh
# ocel-samples.sh - the OCEL 2.0 sample files are sound and agree:
#   - samples/ocel/shop.xmlocel, tests/data/ocel/p2p.xmlocel and the two
#     expectations files are well-formed XML (xmllint --noout);
#   - samples/ocel/shop.jsonocel parses (python3 -m json.tool);
#   - samples/ocel/shop.sqlite opens and has the tables of the
#     specification (sqlite3 .tables);
#   - the three shop files count the same events, objects, event-to-object
#     and object-to-object relations (51, 33, 83, 27), and hold the same
#     facts: types and their attributes, every object attribute value with
#     its time, every event with its time and attributes, every relation
#     with its qualifier;
#   - scripts/make-ocel-samples run again writes the same XML and JSON
#     bytes and the same SQL (sqlite3 .dump): the files are up to date;
#   - p2p.xmlocel has the 13 events, 9 objects, 20 event-to-object and 7
#     object-to-object relations of the specification's example.
# Skipped (77) without sqlite3, xmllint or python3.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
for tool in sqlite3 xmllint python3; do
	command -v $tool >/dev/null 2>&1 || { echo "no $tool: skipped"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-ocel.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "ocel-samples.sh: $*"; fail=1; }

dir=$srcdir/samples/ocel
xml=$dir/shop.xmlocel
json=$dir/shop.jsonocel
db=$dir/shop.sqlite
p2p=$srcdir/tests/data/ocel/p2p.xmlocel

# 1. Well-formed, parses, opens.
for f in "$xml" "$p2p" "$dir/expectations.xml" \
    "$srcdir/tests/data/ocel/p2p-expectations.xml"; do
	xmllint --noout "$f" || bad "$f is not well-formed"
done
python3 -m json.tool "$json" >/dev/null || bad "$json does not parse"
tables=$(sqlite3 "$db" .tables) || bad "$db does not open"
for t in event object event_object object_object event_map_type \
    object_map_type; do
	case " $(echo $tables) " in
	*" $t "*) ;;
	*) bad "$db has no table $t" ;;
	esac
done

# 2. The same counts in the three files.
xcount() { xmllint --xpath "count($2)" "$1"; }
x_ev=$(xcount "$xml" /log/events/event)
x_ob=$(xcount "$xml" /log/objects/object)
x_eo=$(xcount "$xml" /log/events/event/objects/relationship)
x_oo=$(xcount "$xml" /log/objects/object/objects/relationship)
s_ev=$(sqlite3 "$db" 'SELECT count(*) FROM event')
s_ob=$(sqlite3 "$db" 'SELECT count(*) FROM object')
s_eo=$(sqlite3 "$db" 'SELECT count(*) FROM event_object')
s_oo=$(sqlite3 "$db" 'SELECT count(*) FROM object_object')
j_all=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["events"]), len(d["objects"]),
      sum(len(e.get("relationships", [])) for e in d["events"]),
      sum(len(o.get("relationships", [])) for o in d["objects"]))' "$json")
echo "events, objects, E2O, O2O: xml $x_ev $x_ob $x_eo $x_oo;" \
    "sqlite $s_ev $s_ob $s_eo $s_oo; json $j_all"
[ "$x_ev $x_ob $x_eo $x_oo" = "51 33 83 27" ] ||
    bad "xml counts $x_ev $x_ob $x_eo $x_oo, not 51 33 83 27"
[ "$s_ev $s_ob $s_eo $s_oo" = "$x_ev $x_ob $x_eo $x_oo" ] ||
    bad "sqlite counts differ from xml"
[ "$j_all" = "$x_ev $x_ob $x_eo $x_oo" ] || bad "json counts differ from xml"

# 3. The same facts in the three files, read by code of this test.
cat >"$tmp/facts.py" <<'EOF'
import json, sqlite3, sys
import xml.etree.ElementTree as ET

SQLTYPES = {"TEXT": "string", "INTEGER": "integer", "REAL": "float",
            "BOOLEAN": "boolean", "TIMESTAMP": "time"}


def text(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def from_xml(path):
    root = ET.parse(path).getroot()
    f = set()
    for kind in ("object", "event"):
        for t in root.find(kind + "-types"):
            f.add(("type", kind, t.get("name"), None, None))
            for a in t.find("attributes"):
                f.add(("type", kind, t.get("name"), a.get("name"),
                       a.get("type")))
    for o in root.find("objects"):
        f.add(("object", o.get("id"), o.get("type")))
        for a in o.find("attributes"):
            f.add(("oattr", o.get("id"), a.get("name"), a.get("time"),
                   a.text or ""))
        rel = o.find("objects")
        for r in (rel if rel is not None else []):
            f.add(("o2o", o.get("id"), r.get("object-id"),
                   r.get("qualifier")))
    for e in root.find("events"):
        f.add(("event", e.get("id"), e.get("type"), e.get("time")))
        for a in e.find("attributes"):
            f.add(("eattr", e.get("id"), a.get("name"), a.text or ""))
        for r in e.find("objects"):
            f.add(("e2o", e.get("id"), r.get("object-id"),
                   r.get("qualifier")))
    return f


def from_json(path):
    d = json.load(open(path, encoding="utf-8"))
    f = set()
    for kind, key in (("object", "objectTypes"), ("event", "eventTypes")):
        for t in d[key]:
            f.add(("type", kind, t["name"], None, None))
            for a in t["attributes"]:
                f.add(("type", kind, t["name"], a["name"], a["type"]))
    for o in d["objects"]:
        f.add(("object", o["id"], o["type"]))
        for a in o.get("attributes", []):
            f.add(("oattr", o["id"], a["name"], a["time"], text(a["value"])))
        for r in o.get("relationships", []):
            f.add(("o2o", o["id"], r["objectId"], r["qualifier"]))
    for e in d["events"]:
        f.add(("event", e["id"], e["type"], e["time"]))
        for a in e.get("attributes", []):
            f.add(("eattr", e["id"], a["name"], text(a["value"])))
        for r in e.get("relationships", []):
            f.add(("e2o", e["id"], r["objectId"], r["qualifier"]))
    return f


def from_sqlite(path):
    db = sqlite3.connect(path)
    f = set()
    q = lambda sql, *a: db.execute(sql, a).fetchall()
    for kind in ("object", "event"):
        fixed = {"ocel_id", "ocel_time", "ocel_changed_field"}
        for name, m in q('SELECT ocel_type, ocel_type_map FROM %s_map_type'
                         % kind):
            table = kind + "_" + m
            cols = [(c[1], SQLTYPES[c[2]]) for c in
                    q('PRAGMA table_info("%s")' % table)
                    if c[1] not in fixed]
            f.add(("type", kind, name, None, None))
            for c, t in cols:
                f.add(("type", kind, name, c, t))
            cur = db.execute('SELECT * FROM "%s"' % table)
            names = [d[0] for d in cur.description]
            for row in cur.fetchall():
                r = dict(zip(names, row))
                if kind == "event":
                    f.add(("event", r["ocel_id"], name, r["ocel_time"]))
                    for c, _ in cols:
                        if r[c] is not None:
                            f.add(("eattr", r["ocel_id"], c, text(r[c])))
                else:
                    ch = r["ocel_changed_field"]
                    for c, _ in cols:
                        if (ch is None and r[c] is not None) or ch == c:
                            f.add(("oattr", r["ocel_id"], c, r["ocel_time"],
                                   text(r[c])))
    for i, t in q("SELECT ocel_id, ocel_type FROM object"):
        f.add(("object", i, t))
    for e, t in q("SELECT ocel_id, ocel_type FROM event"):
        f.add(("etype", e, t))
    for e, o, qual in q("SELECT * FROM event_object"):
        f.add(("e2o", e, o, qual))
    for s, t, qual in q("SELECT * FROM object_object"):
        f.add(("o2o", s, t, qual))
    # Each event of the event table is in the table of its type.
    ev = {x[1]: x[2] for x in f if x[0] == "event"}
    for x in [x for x in f if x[0] == "etype"]:
        if ev.get(x[1]) != x[2]:
            print("sqlite: event %s of type %s is not in its table" % x[1:])
            sys.exit(1)
        f.discard(x)
    return f


xml, js, sq = from_xml(sys.argv[1]), from_json(sys.argv[2]), from_sqlite(sys.argv[3])
rc = 0
for name, other in (("json", js), ("sqlite", sq)):
    for x in sorted(xml - other, key=str):
        print("in xml, not in %s: %s" % (name, x)); rc = 1
    for x in sorted(other - xml, key=str):
        print("in %s, not in xml: %s" % (name, x)); rc = 1
print("%d facts in each file" % len(xml))
sys.exit(rc)
EOF
python3 "$tmp/facts.py" "$xml" "$json" "$db" || bad "the three files differ"

# 4. Up to date: the script writes the same files again.
if "$srcdir/scripts/make-ocel-samples" "$tmp/gen"; then
	cmp -s "$tmp/gen/shop.xmlocel" "$xml" || bad "shop.xmlocel is stale"
	cmp -s "$tmp/gen/shop.jsonocel" "$json" || bad "shop.jsonocel is stale"
	sqlite3 "$tmp/gen/shop.sqlite" .dump >"$tmp/gen.sql"
	sqlite3 "$db" .dump >"$tmp/committed.sql"
	cmp -s "$tmp/gen.sql" "$tmp/committed.sql" || bad "shop.sqlite is stale"
else
	bad "scripts/make-ocel-samples failed"
fi

# 5. The specification's example, complete.
p=$(xcount "$p2p" /log/events/event) p="$p $(xcount "$p2p" /log/objects/object)"
p="$p $(xcount "$p2p" /log/events/event/objects/relationship)"
p="$p $(xcount "$p2p" /log/objects/object/objects/relationship)"
[ "$p" = "13 9 20 7" ] || bad "p2p.xmlocel counts $p, not 13 9 20 7"

[ $fail -eq 0 ] && echo "ocel-samples.sh: all passed"
exit $fail
