# Shared by the scripts that run a test service in the background (sourced, not run).
# The caller sets PID_FILE, LOG_FILE and URL and defines say() and healthy().

running() {
  [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

# True (printing the URL) when a healthy service of ours is already there.
already_running() {
  running && healthy || return 1
  say "already running on $URL"
  echo "$URL"
}

# Any of our ports $2… listened on by another process (a service may have several parts):
# stop and name the variable that moves them all ($1).
refuse_taken_ports() {
  local variable="$1" port
  shift
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      say "port $port is taken by another process (this service uses $*); set $variable"
      exit 1
    fi
  done
}

# Start the command "$@" in a session of its own (it outlives this shell, and stop_service
# ends its whole group), wait until it is healthy (START_TIMEOUT seconds, default 120) and
# print its URL.
launch() {
  setsid "$@" >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_until_healthy "${START_TIMEOUT:-120}"
  echo "$URL"
}

# Wait (at most $1 seconds) until healthy; show the log's tail if the service dies or is late.
wait_until_healthy() {
  local limit="$1" waited=0
  until healthy; do
    if ! running; then
      say "stopped while starting; log follows"
      tail -30 "$LOG_FILE" >&2
      exit 1
    fi
    if [ "$waited" -ge "$limit" ]; then
      say "not ready after ${waited}s; stopping it; log follows"
      tail -30 "$LOG_FILE" >&2
      stop_service # a start that failed leaves nothing running
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "ready after ${waited}s"
}

# The service was started with setsid: end its whole process group, forcefully if it lingers.
stop_service() {
  if running; then
    local pid
    pid="$(cat "$PID_FILE")"
    kill -- "-$pid" 2>/dev/null || kill "$pid"
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 -- "-$pid" 2>/dev/null || true
    say "stopped ($URL)"
  fi
  rm -f "$PID_FILE"
}
