#!/usr/bin/env bash
# A Spark standalone cluster on this machine, every socket on 127.0.0.1, for measuring
# `--executor spark --spark-master spark://127.0.0.1:PORT` (docs/SCALING.md). The master and the
# workers are the Master and Worker classes of spark-core, run on the class path of `./imle`
# (build it first: `./imle oracles`); the workers start their executor JVMs themselves, with the
# class path the driver sends (spark.executor.extraClassPath, which imle-spark sets to its own).
#
# Usage: tools/spark-cluster.sh start DIR WORKERS [CORES]   starts a master and WORKERS workers of
#                                                           CORES cores each (default 1), logs and
#                                                           pids in DIR; prints the master URL
#        tools/spark-cluster.sh stop DIR                    stops every JVM start launched (and the
#                                                           workers' executors), then checks none is left
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:?usage: tools/spark-cluster.sh start DIR WORKERS [CORES] | stop DIR}"
dir="${2:?usage: tools/spark-cluster.sh start DIR WORKERS [CORES] | stop DIR}"

stop() {
  [[ -f "$dir/pids" ]] || { echo "spark-cluster: no $dir/pids; nothing to stop" >&2; return 0; }
  local pids=() pid child
  while read -r pid; do
    pids+=("$pid")
    # the executors are the workers' children: stop them with their worker, SIGKILL leaves them to notice late
    for child in $(pgrep -P "$pid" || true); do pids+=("$child"); done
  done < "$dir/pids"
  kill "${pids[@]}" 2> /dev/null || true
  for _ in $(seq 50); do
    local alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2> /dev/null && alive+=("$pid"); done
    [[ ${#alive[@]} -eq 0 ]] && { rm -f "$dir/pids"; return 0; }
    sleep 0.2
  done
  kill -9 "${alive[@]}" 2> /dev/null || true
  rm -f "$dir/pids"
}

start() {
  local workers="${3:?usage: tools/spark-cluster.sh start DIR WORKERS [CORES]}" cores="${4:-1}"
  local cp_file="$root/imle-examples/target/classpath.txt" spark_cp_file="$root/imle-examples/target/classpath-spark.txt"
  [[ -f "$cp_file" && -f "$spark_cp_file" ]] \
    || { echo "spark-cluster: $cp_file or $spark_cp_file is missing; build with ./imle oracles first" >&2; exit 2; }
  [[ ! -f "$dir/pids" ]] || { echo "spark-cluster: $dir/pids exists; stop that cluster first" >&2; exit 2; }
  mkdir -p "$dir/spark-home/jars"
  local classpath="$root/imle-examples/target/classes:$(<"$cp_file"):$(<"$spark_cp_file")"
  local java="java"
  [[ -z "${JAVA_HOME:-}" ]] || java="$JAVA_HOME/bin/java"
  # the java.base packages Spark opens on Java 17, as the ./imle launcher passes them
  local opens=()
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
      java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
  done
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1
  launch() {
    local log="$1"; shift
    "$java" -Xmx256m "${opens[@]}" -Dio.netty.tryReflectionSetAccessible=true -cp "$classpath" "$@" \
        > "$dir/$log" 2>&1 &
    echo $! >> "$dir/pids"
  }
  # info for the Master class (imle turns Spark's logging off): its "Registering worker" lines tell when all are up
  launch master.log -Dorg.slf4j.simpleLogger.log.org.apache.spark.deploy.master.Master=info org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0
  for _ in $(seq 150); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
    sleep 0.2
  done
  (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null \
    || { echo "spark-cluster: the master did not listen on $port (see $dir/master.log)" >&2; stop; exit 1; }
  local w
  for w in $(seq "$workers"); do
    mkdir -p "$dir/work-$w"
    launch "worker-$w.log" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" --memory 1g \
        --webui-port 0 --work-dir "$dir/work-$w" "spark://127.0.0.1:$port"
  done
  # wait until every worker has registered, so that a first job sees all cores
  for _ in $(seq 300); do
    [[ "$(grep -c 'Registering worker' "$dir/master.log" || true)" -ge "$workers" ]] && break
    sleep 0.2
  done
  [[ "$(grep -c 'Registering worker' "$dir/master.log" || true)" -ge "$workers" ]] \
    || echo "spark-cluster: warning: the master's log shows fewer than $workers workers after 60 s (see $dir/*.log)" >&2
  echo "spark://127.0.0.1:$port"
}

case "$cmd" in
  start) dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"; start "$@" ;;
  stop) stop ;;
  *) echo "spark-cluster: unknown command '$cmd'; expected start or stop" >&2; exit 2 ;;
esac
