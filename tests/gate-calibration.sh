#!/bin/sh
# gate-calibration.sh - the fastest setting of scripts/gate-calibration:
# 200 pairs of exports of one process (n = 30, breach rate 5%), each
# checked against the other's report with mot check --baseline. Fails when
# more than 5% of the pairs exit 1 (docs/ci.md, "Calibration").
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
export srcdir
MOT=${MOT:-$srcdir/mot} sh "$srcdir/scripts/gate-calibration" --quick
