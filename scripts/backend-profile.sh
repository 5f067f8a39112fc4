#!/usr/bin/env bash
# Where the documents' backend spends its CPU, by phase of the protocol: a cached benchmark month
# ingested by one worker into a fresh embedded cluster under a system-wide `perf record` with
# DWARF call graphs (Debian ships PostgreSQL without symbols for its static functions, but its
# exported ones and the unwinding tables are there), then the busiest PostgreSQL process's
# samples counted by the exported functions on their stacks: a parameter's input at Bind, the
# executor's start of a SELECT (PortalStart), of a write and its run, the plan cache, the
# commit, the protocol; and within the executor's run, the functions most often on the stack.
#   [SIGNING=none|detached|enveloped] scripts/backend-profile.sh [SHAPE] [TOP]   # series2000, 40 by default
#   CCM_BIN=/tmp/ccm-before scripts/backend-profile.sh series   # another build's ccm
# Needs perf (linux-perf) and python3; writes ~150 MB of samples under the scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."
shape=${1:-series2000}; top=${2:-40}
signatures=required; [ "${SIGNING:-none}" = none ] && signatures=off
cache=/var/tmp/ccm-bench/$shape-${SIGNING:-none}
[ -f "$cache/.complete" ] || { echo "no cached month: run SIGNING=${SIGNING:-none} PREPARE=only scripts/bench.sh $shape first" >&2; exit 1; }
source scripts/lib/cluster.sh
ccm_build release
ccm_scratch backend
export CCM_HOME="$work/home" CCM_CASA=TM CCM_MEDIU=TEST
ccm_month_registry "$cache"
mkdir "$work/inbox"; cp "$cache"/inbox/* "$work/inbox/"
perf record -q -a -F 1999 --call-graph dwarf,16384 -o "$work/perf.data" -- \
  "$ccm" ingest --signatures "$signatures" --received-at 2026-11-10T10:00:00+02:00 --settle-seconds 0 --inbox "$work/inbox" \
  2>"$work/log" >/dev/null
grep -E "gata:" "$work/log" || true
pid=$(perf report -i "$work/perf.data" --no-children --comm postgres --sort pid --stdio 2>/dev/null \
      | grep -E '^ +[0-9.]+%' | head -1 | sed -E 's/.* ([0-9]+):postgres.*/\1/')
perf script -i "$work/perf.data" --pid "$pid" -F ip,sym 2>/dev/null > "$work/stacks"
python3 - "$work/stacks" "$top" <<'PY'
import collections, sys
samples, cur = [], []
for line in open(sys.argv[1]):
    if line.strip():
        parts = line.split(None, 1)
        cur.append(parts[1].strip() if len(parts) > 1 else "?")
    elif cur:
        samples.append(cur); cur = []
if cur: samples.append(cur)
io = ("secure_read", "secure_write", "WaitEventSetWait")
def phase(stack):
    s = set(stack)
    if "PortalStart" in s: return "executor start of a SELECT (Bind)"
    if "PortalRun" in s:
        for f, name in (("standard_ExecutorStart", "executor start of a write"), ("standard_ExecutorEnd", "executor end"),
                        ("standard_ExecutorFinish", "executor finish (AFTER triggers)"), ("standard_ExecutorRun", "executor run")):
            if f in s: return name
        return "portal, other"
    if "CommitTransactionCommand" in s: return "commit"
    if "GetCachedPlan" in s: return "plan cache (revalidation, locks)"
    if "PortalDrop" in s: return "portal drop"
    if "OidReceiveFunctionCall" in s or "OidInputFunctionCall" in s: return "parameters' input (Bind)"
    if "raw_parser" in s or "pg_parse_query" in s: return "parse (simple queries)"
    if any(x.startswith("pq_") or x in io for x in stack): return "protocol, sockets"
    return "other"
n = len(samples)
print(f"the documents' backend (pid of the most samples): {n} samples")
for k, v in collections.Counter(phase(s) for s in samples).most_common():
    print(f"  {100 * v / n:5.1f}%  {k}")
run = [s for s in samples if "standard_ExecutorRun" in s]
c = collections.Counter(f for s in run for f in set(s) if f not in ("[unknown]", "?"))
skip = {"_start", "main", "PostmasterMain", "PostgresMain", "__libc_start_call_main", "__libc_start_main_impl (inlined)",
        "standard_ExecutorRun", "PortalRun"}
print(f"within the executor's run ({len(run)} samples), exported functions by samples on the stack:")
for k, v in [kv for kv in c.most_common() if kv[0] not in skip][: int(sys.argv[2])]:
    print(f"  {100 * v / n:5.1f}% of all  {k}")
PY
