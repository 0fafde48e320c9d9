#!/usr/bin/python3
"""reference.py - what an analyst would write instead of mot: the same
per-moment figures (n, open, breached, breach rate, p50 and p90 elapsed)
for the expectations of bench/motgen -e, computed with lxml's iterparse
and pandas, as pm4py does internally. Used by scripts/bench for the
comparison in docs/performance.md; not part of mot.

	python3 bench/reference.py JOURNEYS.xml
"""
import sys
from datetime import datetime

import pandas as pd
from lxml import etree

MOMENTS = {  # id: (from, to or None for a span, adequate seconds)
    "confirmation": ("order-placed", "order-confirmed", 900),
    "dispatch": ("order-confirmed", "shipped", 86400),
    "delivery": ("order-placed", "delivered", 172800),
    "support": ("support-call", None, 1200),
    "refund": ("refund-requested", "refund-issued", 604800),
}


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def main(path):
    rows = []
    for _, j in etree.iterparse(path, events=("end",), tag="journey"):
        tps = []
        for tp in j.iter("touchpoint"):
            a = tp.attrib
            start = ts(a["at"] if "at" in a else a["start"])
            end = ts(a["end"]) if "end" in a else start
            tps.append((start, end, a["name"]))
        tps.sort(key=lambda t: t[0])
        for mid, (frm, to, _) in MOMENTS.items():
            for i, (s, e, name) in enumerate(tps):
                if name != frm:
                    continue
                if to is None:
                    rows.append((mid, e - s))
                    continue
                stop = next((t[0] for k, t in enumerate(tps)
                             if t[2] == to and t[0] >= e and k != i), None)
                rows.append((mid, None if stop is None else stop - e))
        j.clear()
        while j.getprevious() is not None:
            del j.getparent()[0]
    df = pd.DataFrame(rows, columns=["moment", "elapsed"])
    df["adequate"] = df["moment"].map(lambda m: MOMENTS[m][2])
    closed = df.dropna(subset=["elapsed"])
    out = closed.groupby("moment").agg(
        n=("elapsed", "size"),
        breached=("elapsed", lambda s: int((s > closed.loc[s.index, "adequate"]).sum())),
        p50=("elapsed", lambda s: s.quantile(0.5, interpolation="higher")),
        p90=("elapsed", lambda s: s.quantile(0.9, interpolation="higher")))
    out["open"] = df[df["elapsed"].isna()].groupby("moment").size()
    out["breach_rate"] = out["breached"] / out["n"]
    print(out.fillna(0).to_string())


if __name__ == "__main__":
    main(sys.argv[1])
