#!/usr/bin/env bash
# Local, real, single-node Elasticsearch without Docker, from Elastic's integ-test
# distribution on Maven Central. Usage: es.sh start|stop|status|fetch
#
#   start   fetch (first time only), then start a node at ELASTIC_ADDR (default
#           http://127.0.0.1:9200) in a session of its own (setsid; output in the node's
#           logs/ directory, pid in its es.pid) and return once _cluster/health is yellow or
#           green; reuses a node that already answers there. Safe from a terminal, a pipe,
#           CI and a background job: the node keeps no descriptor of the caller.
#   stop    stop the node this script started on that port; wait until nothing listens.
#   status  print the health of the node at ELASTIC_ADDR (exit 1 when none answers).
#   fetch   only fetch/unpack the distribution (what CI does before the tests).
#
# Environment: ELASTIC_ADDR, ES_JAVA_HOME (else a JDK 17/21+ is looked for),
# LOG_SENTINEL_ES_VERSION (8.19.21), LOG_SENTINEL_ES_USER (logsentinel-es, used when run as
# root: Elasticsearch refuses to run as root), LOG_SENTINEL_ES_HEAP (1g),
# LOG_SENTINEL_ES_START_TIMEOUT_S (180). Files live in infra/elastic/.es/ (gitignored):
# the unpacked distribution and one node directory per port (config, data, logs, tmp).
set -euo pipefail
# useradd and runuser live in sbin, which a non-login root shell may not have on PATH
export PATH="$PATH:/usr/sbin:/sbin"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ES_VERSION="${LOG_SENTINEL_ES_VERSION:-8.19.21}"
ES_USER="${LOG_SENTINEL_ES_USER:-logsentinel-es}"
HEAP="${LOG_SENTINEL_ES_HEAP:-1g}"
START_TIMEOUT_S="${LOG_SENTINEL_ES_START_TIMEOUT_S:-180}"
STOP_TIMEOUT_S=60
BASE="$HERE/.es"
ES_HOME="$BASE/elasticsearch-$ES_VERSION"
ADDR="${ELASTIC_ADDR:-http://127.0.0.1:9200}"

log() { printf 'es.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- address -----------------------------------------------------------------------------
parse_addr() {
  local rest hostport
  [[ "$ADDR" =~ ^http:// ]] || die "ELASTIC_ADDR must be an http:// URL for the local node, got '$ADDR'"
  rest="${ADDR#http://}"
  hostport="${rest%%/*}"
  HOST="${hostport%%:*}"
  if [[ "$hostport" == *:* ]]; then PORT="${hostport##*:}"; else PORT=9200; fi
  [[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "ELASTIC_ADDR has a bad port: '$ADDR'"
  case "$HOST" in
    127.0.0.1 | localhost) BIND=127.0.0.1 ;;
    *) die "the local node binds to loopback only; ELASTIC_ADDR host must be 127.0.0.1 or localhost, got '$HOST'" ;;
  esac
  URL="http://$BIND:$PORT"
  NODE_DIR="$BASE/node-$PORT"
  PID_FILE="$NODE_DIR/es.pid"
  LAUNCHER_PID_FILE="$NODE_DIR/launcher.pid"
}

# --- helpers -------------------------------------------------------------------------------
http_get() { # url -> body on stdout; headers in $HDR_FILE when set
  if command -v curl > /dev/null; then
    curl -fsS --max-time 5 ${HDR_FILE:+-D "$HDR_FILE"} "$1"
  else
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(5000)}).then(async r=>{if(!r.ok)process.exit(22);process.stdout.write(await r.text())}).catch(()=>process.exit(7))' "$1"
  fi
}

listening() { # true when something accepts TCP connections on $BIND:$PORT
  (exec 3<> "/dev/tcp/$BIND/$PORT") 2> /dev/null
}

health_status() { # prints green|yellow|red, or nothing when no Elasticsearch answers
  local body
  body="$(http_get "$URL/_cluster/health" 2> /dev/null)" || return 0
  sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<< "$body"
}

node_pid() { # pid of the node this script started on $PORT, if alive
  # the node's JVM carries -XX:ErrorFile=<node dir>/logs/... (set by prepare_node_dir): a
  # marker no other process has, used when the pid file is stale or lost
  local pid marker="-XX:ErrorFile=$NODE_DIR/logs/hs_err_pid"
  if [[ -f "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' < "$PID_FILE")"
    if [[ -n "$pid" ]] && { tr '\0' '\n' < "/proc/$pid/cmdline"; } 2> /dev/null | grep -qF -- "$marker"; then
      echo "$pid"
      return 0
    fi
  fi
  for cmd in /proc/[0-9]*/cmdline; do
    if { tr '\0' '\n' < "$cmd"; } 2> /dev/null | grep -qF -- "$marker"; then
      pid="${cmd#/proc/}"
      echo "${pid%/cmdline}"
      return 0
    fi
  done
  return 0
}

# --- JDK ---------------------------------------------------------------------------------
java_major() { # java home -> major version, or nothing
  local out
  [[ -x "$1/bin/java" ]] || return 0
  out="$("$1/bin/java" -version 2>&1 | head -n 1)" || return 0
  sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' <<< "$out"
}

find_java() { # sets ES_JAVA_HOME to a JDK Elasticsearch 8.19 runs on: 17 or 21+ (21 and 17 preferred)
  local c major best="" best_rank=0 rank
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    major="$(java_major "$ES_JAVA_HOME")"
    [[ -n "$major" ]] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no runnable bin/java"
    ((major == 17 || major >= 21)) || die "ES_JAVA_HOME=$ES_JAVA_HOME is Java $major; Elasticsearch $ES_VERSION needs 17 or 21+"
    return 0
  fi
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  command -v java > /dev/null && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for c in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do [[ -d "$c" ]] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    major="$(java_major "$c")"
    [[ -n "$major" ]] || continue
    if ((major == 21)); then rank=1000; elif ((major == 17)); then rank=900; elif ((major > 21)); then rank=$((100 + major)); else continue; fi
    if ((rank > best_rank)); then best="$c"; best_rank=$rank; fi
  done
  [[ -n "$best" ]] || die "no JDK 17 or 21+ found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm); install one (apt-get install -y openjdk-17-jdk-headless) or set ES_JAVA_HOME"
  ES_JAVA_HOME="$(readlink -f "$best")"
}

# --- user --------------------------------------------------------------------------------
as_es_user_prefix() { # sets AS_ES_USER: the command prefix that runs as the unprivileged user
  if ((EUID != 0)); then
    AS_ES_USER=()
  elif command -v runuser > /dev/null; then
    AS_ES_USER=(runuser -u "$ES_USER" --)
  else
    AS_ES_USER=(setpriv --reuid="$ES_USER" --regid="$ES_USER" --init-groups --)
  fi
}

as_es_user() { # run a command as the unprivileged user (or as ourselves when not root)
  as_es_user_prefix
  "${AS_ES_USER[@]}" "$@"
}

ensure_user() {
  ((EUID == 0)) || return 0
  if ! id -u "$ES_USER" > /dev/null 2>&1; then
    log "creating system user $ES_USER (Elasticsearch refuses to run as root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  fi
  as_es_user test -x "$BASE" || die "user $ES_USER cannot reach $BASE: make its parent directories traversable (chmod o+x) or run from another checkout"
}

# --- fetch -------------------------------------------------------------------------------
fetch() {
  [[ -x "$ES_HOME/bin/elasticsearch" ]] && return 0
  command -v mvn > /dev/null || die "Maven (mvn) is needed once to fetch the Elasticsearch distribution: apt-get install -y maven"
  local staging="$BASE/unpack.$$"
  rm -rf "$staging"
  mkdir -p "$BASE"
  log "fetching org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip with Maven (first time only)"
  # offline first: the zip may already be in ~/.m2; fall back to Maven Central
  if ! mvn -B -q -o -f "$HERE/pom.xml" dependency:unpack -Des.version="$ES_VERSION" -Des.unpackDir="$staging" > /dev/null 2>&1; then
    mvn -B -q -f "$HERE/pom.xml" dependency:unpack -Des.version="$ES_VERSION" -Des.unpackDir="$staging" \
      || die "mvn dependency:unpack of the Elasticsearch $ES_VERSION integ-test zip failed (see above)"
  fi
  [[ -x "$staging/elasticsearch-$ES_VERSION/bin/elasticsearch" ]] || die "unpacked distribution lacks bin/elasticsearch in $staging"
  mv "$staging/elasticsearch-$ES_VERSION" "$ES_HOME"
  rm -rf "$staging"
}

# --- node directory ----------------------------------------------------------------------
prepare_node_dir() {
  mkdir -p "$NODE_DIR/config" "$NODE_DIR/data" "$NODE_DIR/logs" "$NODE_DIR/tmp"
  cp "$ES_HOME/config/jvm.options" "$ES_HOME/config/log4j2.properties" "$NODE_DIR/config/"
  mkdir -p "$NODE_DIR/config/jvm.options.d"
  printf -- '-Xms%s\n-Xmx%s\n' "$HEAP" "$HEAP" > "$NODE_DIR/config/jvm.options.d/heap.options"
  # gc logs would land in the working directory; keep them with the node
  # (and at most 4 x 16 MB of them instead of 32 x 64 MB)
  sed -i "s|file=gc.log|file=$NODE_DIR/logs/gc.log|; s|filecount=32,filesize=64m|filecount=4,filesize=16m|; s|ErrorFile=hs_err_pid|ErrorFile=$NODE_DIR/logs/hs_err_pid|" "$NODE_DIR/config/jvm.options"
  cat > "$NODE_DIR/config/elasticsearch.yml" << EOF
# Written by infra/elastic/es.sh on every start; edit the script, not this file.
cluster.name: log-sentinel-dev
node.name: log-sentinel-dev-$PORT
discovery.type: single-node
network.host: $BIND
http.port: $PORT
transport.port: $((PORT + 100))
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
# the integ-test distribution ships x-pack-core and x-pack-security: local use needs neither
xpack.security.enabled: false
# a nearly full developer disk must not turn test indices read-only
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  if ((EUID == 0)); then
    chown -R "$ES_USER:$ES_USER" "$NODE_DIR"
    # the distribution is chowned once (it never changes after the unpack)
    [[ "$(stat -c %U "$ES_HOME/lib")" == "$ES_USER" ]] || chown -R "$ES_USER:$ES_USER" "$ES_HOME"
  fi
}

# --- commands ----------------------------------------------------------------------------
# Starts the node in the foreground of a session of its own, in the background of this
# script. `bin/elasticsearch -d` is not used: on some images its launcher never returns
# (it waits on the server's stderr although the node has started). setsid gives the node its
# own session and process group, so a closed terminal (SIGHUP), Ctrl-C in the caller or the
# caller's exit never reach it; every descriptor is redirected, so a caller reading this
# script's output through a pipe (CI, `npm test | tee`, execFile) gets EOF when it returns.
launch() {
  local launcher
  as_es_user_prefix
  : > "$NODE_DIR/logs/launcher.out"
  ((EUID == 0)) && chown "$ES_USER:$ES_USER" "$NODE_DIR/logs/launcher.out"
  (
    cd "$NODE_DIR" || exit 1
    exec setsid "${AS_ES_USER[@]}" env ES_JAVA_HOME="$ES_JAVA_HOME" ES_PATH_CONF="$NODE_DIR/config" \
      ES_TMPDIR="$NODE_DIR/tmp" ES_JAVA_OPTS="${ES_JAVA_OPTS:-}" \
      "$ES_HOME/bin/elasticsearch" < /dev/null >> "$NODE_DIR/logs/launcher.out" 2>&1 9>&-
  ) < /dev/null > /dev/null 2>&1 9>&- &
  launcher=$!
  echo "$launcher" > "$LAUNCHER_PID_FILE"
}

# The launcher (bin/elasticsearch in the foreground, leader of its own session) lives exactly
# as long as the node it starts. Its liveness — not a process carrying the node marker — says
# whether a start is still going: the launcher also runs short-lived JVMs with the node's JVM
# options (ergonomics probes), which carry the marker and exit at once.
# Prints the launcher's pid when it is alive (still the leader of its process group).
launcher_pid() {
  local launcher pgid
  launcher="$(tr -dc '0-9' < "$LAUNCHER_PID_FILE" 2> /dev/null || true)"
  [[ -n "$launcher" ]] || return 0
  # /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces
  pgid="$({ sed -E 's/^.*\) //' "/proc/$launcher/stat" | cut -d' ' -f3; } 2> /dev/null || true)"
  [[ "$pgid" == "$launcher" ]] && echo "$launcher"
  return 0
}

launcher_alive() {
  [[ -n "$(launcher_pid)" ]]
}

start() {
  local status pid waited=0
  status="$(health_status)"
  if [[ "$status" == yellow || "$status" == green ]]; then
    log "reusing the Elasticsearch already answering at $URL ($status)"
    return 0
  fi
  pid="$(node_pid)"
  if [[ -z "$pid" ]] && listening; then
    die "something that is not a healthy Elasticsearch listens on $BIND:$PORT; free the port or set ELASTIC_ADDR"
  fi
  if [[ -z "$pid" ]]; then
    fetch
    find_java
    ensure_user
    prepare_node_dir
    log "starting Elasticsearch $ES_VERSION on $URL (Java: $ES_JAVA_HOME, heap $HEAP, data: $NODE_DIR/data)"
    rm -f "$PID_FILE"
    launch
  else
    log "node $pid is already starting on $URL; waiting for it"
  fi
  while :; do
    status="$(health_status)"
    if [[ "$status" == yellow || "$status" == green ]]; then
      pid="$(node_pid)"
      [[ -n "$pid" ]] && echo "$pid" > "$PID_FILE"
      log "Elasticsearch is up at $URL ($status) after ${SECONDS}s"
      return 0
    fi
    pid="$(node_pid)"
    if [[ -z "$pid" ]] && ! launcher_alive; then
      log "the node exited during start-up; launcher output and log tail:"
      tail -n 40 "$NODE_DIR/logs/launcher.out" >&2 2> /dev/null || true
      tail -n 60 "$NODE_DIR/logs/log-sentinel-dev.log" >&2 2> /dev/null || true
      exit 1
    fi
    if ((waited >= START_TIMEOUT_S)); then
      log "no yellow/green health after ${START_TIMEOUT_S}s; stopping node ${pid:-(launcher only)}; log tail:"
      tail -n 60 "$NODE_DIR/logs/log-sentinel-dev.log" >&2 2> /dev/null || true
      stop
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop() {
  local pid waited=0 launcher
  pid="$(node_pid)"
  launcher="$(launcher_pid)"
  if [[ -z "$pid" && -n "$launcher" ]]; then
    # still starting: no server process yet, only its launcher
    log "stopping the starting Elasticsearch (launcher $launcher) on $URL"
    kill -TERM -- "-$launcher" 2> /dev/null || true
    while launcher_alive && ((waited < STOP_TIMEOUT_S * 2)); do
      sleep 0.5
      waited=$((waited + 1))
    done
    if launcher_alive; then kill -KILL -- "-$launcher" 2> /dev/null || true; fi
    pid="$(node_pid)"
    if [[ -z "$pid" ]]; then
      rm -f "$PID_FILE" "$LAUNCHER_PID_FILE"
      log "stopped"
      return 0
    fi
  fi
  if [[ -z "$pid" ]]; then
    if listening; then
      die "$BIND:$PORT is held by a process this script did not start (no node of $NODE_DIR runs); not stopping it"
    fi
    log "no local Elasticsearch runs on $URL"
    return 0
  fi
  waited=0
  log "stopping Elasticsearch (pid $pid) on $URL"
  kill -TERM "$pid" 2> /dev/null || true
  while kill -0 "$pid" 2> /dev/null || listening; do
    if ((waited >= STOP_TIMEOUT_S * 2)); then
      log "still running after ${STOP_TIMEOUT_S}s; sending SIGKILL"
      kill -KILL "$pid" 2> /dev/null || true
      sleep 1
      listening && die "$BIND:$PORT still listens after SIGKILL"
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  # the launcher exits with the server; its process group is cleaned up in case it did not
  launcher="$(launcher_pid)"
  if [[ -n "$launcher" ]]; then kill -TERM -- "-$launcher" 2> /dev/null || true; fi
  rm -f "$PID_FILE" "$LAUNCHER_PID_FILE"
  log "stopped; nothing listens on $BIND:$PORT"
}

status() {
  local body
  body="$(http_get "$URL/_cluster/health" 2> /dev/null)" || { log "no Elasticsearch answers at $URL"; exit 1; }
  printf '%s\n' "$body"
}

# one start/stop at a time per port: two test runs starting the node at once must not
# launch two JVMs on one data directory (the second would wait, then reuse the first)
lock_node() {
  command -v flock > /dev/null || return 0
  mkdir -p "$BASE"
  exec 9> "$BASE/node-$PORT.lock"
  flock -w "$((START_TIMEOUT_S + STOP_TIMEOUT_S))" 9 || die "timed out waiting for another es.sh on port $PORT"
}

parse_addr
case "${1:-}" in
  start | stop | fetch) lock_node ;;
esac
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch) fetch ;;
  *) die "usage: es.sh start|stop|status|fetch" ;;
esac
