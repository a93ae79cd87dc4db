#!/usr/bin/env bash
# The measurements of docs/SCALING.md: `imle solve` on the in-process executor, on an embedded Spark
# (local[2]) and on a loopback standalone cluster of 1 and 2 one-core workers, on microsecond
# top-k solves (n = 100, k = 10: the fixed cost of a Spark job and of a task) and on ~18 ms CP-SAT
# solves (scaling with worker cores). Prints one CSV row a run:
#   run,executor,oracle,rows,rows_per_request,jobs,tasks_per_job,cores,seconds
# where seconds is what `imle solve` reports (from before the executor starts, so a Spark run's
# context start is in it, to the last answer; not the JVM's start nor the file's write).
# Run it on a quiet machine; each part takes a few minutes.
#
# Usage: tools/spark-scaling.sh local|cluster DATA [REPEATS]
#   DATA     the inputs of tools/spark-bench-data.py DATA
#   REPEATS  runs of each configuration (default 2)
# Environment: WORKERS  the cluster sizes of the cluster part (default "1 2"), one-core workers
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
part="${1:?usage: tools/spark-scaling.sh local|cluster DATA [REPEATS]}"
data="${2:?usage: tools/spark-scaling.sh local|cluster DATA [REPEATS]}"
repeats="${3:-2}"
imle="$root/imle"
export IMLE_NO_BUILD=1
topk='{"n": 100, "k": 10}'
ilp="$(<"$data/ilp.json")"

# solve LABEL ORACLE PARAMS INPUT ROWS R TASKS CORES [imle solve options...]
solve() {
  local label="$1" oracle="$2" params="$3" input="$4" rows="$5" r="$6" tasks="$7" cores="$8"
  shift 8
  local executor=inprocess line seconds
  [[ " $* " == *" spark "* ]] && executor=spark
  for _ in $(seq "$repeats"); do
    line="$("$imle" solve --oracle "$oracle" --params "$params" --input "$input" --output "$data/z.npy" \
        --rows-per-request "$r" "$@" 2> "$data/last.err" | tail -1)" || { cat "$data/last.err" >&2; exit 1; }
    seconds="$(sed -E 's/.* in ([0-9.]+) s,.*/\1/' <<< "$line")"
    echo "$label,$executor,$oracle,$rows,$r,$(( (rows + r - 1) / r )),$tasks,$cores,$seconds"
  done
}

echo "run,executor,oracle,rows,rows_per_request,jobs,tasks_per_job,cores,seconds"
case "$part" in
  local)
    for r in 20000 100; do
      solve in-process top-k "$topk" "$data/topk-theta.npy" 20000 "$r" 0 2 --threads 2
    done
    for r in 20000 1000 100 50; do
      solve local top-k "$topk" "$data/topk-theta.npy" 20000 "$r" 2 2 --threads 2 --executor spark \
          --spark-master 'local[2]'
    done
    JAVA_OPTS="-Dspark.default.parallelism=8" solve local-8-tasks top-k "$topk" "$data/topk-theta.npy" 20000 100 8 2 \
        --threads 2 --executor spark --spark-master 'local[2]'
    for threads in 1 2; do
      solve in-process ilp "$ilp" "$data/ilp-theta-400.npy" 400 100 0 "$threads" --threads "$threads"
    done
    solve local ilp "$ilp" "$data/ilp-theta-400.npy" 400 100 2 2 --threads 2 --executor spark --spark-master 'local[2]'
    ;;
  cluster)
    for workers in ${WORKERS:-1 2}; do
      dir="$data/cluster-$workers"
      url="$("$root/tools/spark-cluster.sh" start "$dir" "$workers" 1)"
      trap '"$root/tools/spark-cluster.sh" stop "$dir"' EXIT
      # every executor registered before the first job, so each request is cut into one task per core
      export JAVA_OPTS="-Dspark.cores.max=$workers -Dspark.executor.memory=512m \
-Dspark.scheduler.minRegisteredResourcesRatio=1.0 -Dspark.scheduler.maxRegisteredResourcesWaitingTime=120s"
      for r in 20000 100; do
        solve "cluster-$workers" top-k "$topk" "$data/topk-theta.npy" 20000 "$r" "$workers" "$workers" \
            --threads 2 --executor spark --spark-master "$url"
      done
      JAVA_OPTS="$JAVA_OPTS -Dspark.default.parallelism=8" solve "cluster-$workers-8-tasks" top-k "$topk" \
          "$data/topk-theta.npy" 20000 100 8 "$workers" --threads 2 --executor spark --spark-master "$url"
      solve "cluster-$workers" ilp "$ilp" "$data/ilp-theta-800.npy" 800 100 "$workers" "$workers" --threads 2 \
          --executor spark --spark-master "$url"
      unset JAVA_OPTS
      "$root/tools/spark-cluster.sh" stop "$dir"
      trap - EXIT
    done
    ;;
  *) echo "spark-scaling: unknown part '$part'; expected local or cluster" >&2; exit 2 ;;
esac
