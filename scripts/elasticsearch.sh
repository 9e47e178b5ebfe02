#!/usr/bin/env bash
# A real Elasticsearch node for tests and development, listening on 127.0.0.1 only.
#
#   scripts/elasticsearch.sh start   # prints the ELASTICSEARCH_URL on stdout, progress on stderr
#   scripts/elasticsearch.sh stop
#
# The node runs inside one JVM through the codelibs cluster runner, resolved from Maven
# Central by services/elasticsearch/pom.xml: no docker and no download outside the package
# registries. Its data and log live under var/ (WIJKWIJS_ES_DIR), its port is
# WIJKWIJS_ES_PORT (default 9250), its heap WIJKWIJS_ES_HEAP (default 1g); `start` waits up to
# WIJKWIJS_ES_START_TIMEOUT seconds (default 120) for it to be healthy.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${WIJKWIJS_ES_PORT:-9250}"
HEAP="${WIJKWIJS_ES_HEAP:-1g}"
BASE_DIR="${WIJKWIJS_ES_DIR:-$PWD/var/elasticsearch-$PORT}"
SERVICE_DIR="services/elasticsearch"
LIB_DIR="$SERVICE_DIR/target/lib"
PID_FILE="$BASE_DIR/node.pid"
LOG_FILE="$BASE_DIR/node.log"
URL="http://127.0.0.1:$PORT"
START_TIMEOUT="${WIJKWIJS_ES_START_TIMEOUT:-120}"

source scripts/lib/service.sh

say() { echo "elasticsearch: $*" >&2; }

ensure_tools() {
  local tool
  for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "$tool not found; installing Debian's maven and a JDK"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless maven >&2
      else
        say "$tool not found: install a JDK (17) and Maven, or set ELASTICSEARCH_URL."
        exit 1
      fi
    fi
  done
}

resolve_runner() {
  if [ -n "$(ls "$LIB_DIR"/elasticsearch-cluster-runner-*.jar 2>/dev/null)" ]; then return 0; fi
  say "resolving the cluster runner from Maven Central (once)"
  mvn -q -B -Dstyle.color=never -f "$SERVICE_DIR/pom.xml" dependency:copy-dependencies >&2
}

healthy() {
  # Ready once every index the node holds is searchable again (after a restart the shards
  # recover only after the node has elected itself master).
  curl -fsS -m 2 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

start() {
  if already_running; then return 0; fi
  ensure_tools
  resolve_runner
  refuse_taken_ports WIJKWIJS_ES_PORT "$PORT"
  mkdir -p "$BASE_DIR/nodes/node_1/config"
  # The runner copies an empty configuration only when none exists: this one keeps the node
  # on loopback, alone (another node on this machine must not join it), and never turns
  # indexes read-only on a nearly full test disk.
  cat >"$BASE_DIR/nodes/node_1/config/elasticsearch.yml" <<'YAML'
network.host: 127.0.0.1
discovery.type: single-node
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: true
YAML
  say "starting one node on $URL (data in $BASE_DIR)"
  # The runner names its node folders node_1…; HTTP listens on base port + node number.
  launch java "-Xms$HEAP" "-Xmx$HEAP" -Djava.awt.headless=true \
    -cp "$LIB_DIR/*" org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner \
    -numOfNode 1 -basePath "$BASE_DIR/nodes" -baseHttpPort "$((PORT - 1))" \
    -clusterName wijkwijs-test
}

case "${1:-}" in
  start) start ;;
  stop) stop_service ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
