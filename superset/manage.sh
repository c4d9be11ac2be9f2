#!/usr/bin/env bash
# Superset for plantrack: bash superset/manage.sh setup|start|stop|status|export
#
#   setup   idempotent: metadata DB upgrade, roles, admin account, the 'plantrack' database
#           connection and the dashboards from superset/bundle (overwritten by uuid, never duplicated)
#   start   serve in the background on $PLANTRACK_SUPERSET_HOST:$PLANTRACK_SUPERSET_PORT, wait for /health
#   stop    stop the server started by `start`
#   export  write the dashboards as they are now in Superset back into superset/bundle (then git diff)
#   query-contexts  (server running) let Superset save the query context of every chart that has
#           none, by opening it in Explore in headless Chromium; then `export`
#
# Environment: PLANTRACK_DATA_DIR (default <repo>/data; Superset keeps its metadata DB, log and pid
# file in $PLANTRACK_DATA_DIR/superset, and reads $PLANTRACK_DATA_DIR/serving/plantrack.duckdb),
# PLANTRACK_SECRETS_DIR (default ~/.config/plantrack), PLANTRACK_SUPERSET_HOST (127.0.0.1),
# PLANTRACK_SUPERSET_PORT (8088), PLANTRACK_SUPERSET_ADMIN_USER / _PASSWORD.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
SS_VENV="${PLANTRACK_SUPERSET_VENV:-$REPO/.venv-superset}"
export PLANTRACK_DATA_DIR="$(realpath -m "${PLANTRACK_DATA_DIR:-$REPO/data}")"
export PLANTRACK_SECRETS_DIR="$(realpath -m "${PLANTRACK_SECRETS_DIR:-$HOME/.config/plantrack}")"
export SUPERSET_CONFIG_PATH="$HERE/superset_config.py"
export FLASK_APP=superset
# Superset's CLI otherwise tries to reach the internet for telemetry and version checks.
export SCARF_ANALYTICS=false
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore}"
HOST="${PLANTRACK_SUPERSET_HOST:-127.0.0.1}"
PORT="${PLANTRACK_SUPERSET_PORT:-8088}"
WORKERS="${PLANTRACK_SUPERSET_WORKERS:-2}"
SS_HOME="$PLANTRACK_DATA_DIR/superset"
SERVING="$PLANTRACK_DATA_DIR/serving/plantrack.duckdb"
BUNDLE="$HERE/bundle"
PIDFILE="$SS_HOME/superset.pid"
LOG="$SS_HOME/superset.log"
URL="http://$HOST:$PORT"

die() { echo "superset/manage.sh: $*" >&2; exit 1; }
[ -x "$SS_VENV/bin/superset" ] || die "no Superset venv at $SS_VENV: run 'make setup-superset' first"
mkdir -p "$SS_HOME"
SUPERSET="$SS_VENV/bin/superset"
PY="$SS_VENV/bin/python"

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

setup() {
  echo "Superset metadata in $SS_HOME"
  "$SUPERSET" db upgrade >>"$SS_HOME/setup.log" 2>&1 || { tail -30 "$SS_HOME/setup.log"; die "db upgrade failed"; }
  "$PY" "$HERE/bootstrap.py" admin
  "$SUPERSET" init >>"$SS_HOME/setup.log" 2>&1 || { tail -30 "$SS_HOME/setup.log"; die "init failed"; }
  [ -f "$SERVING" ] || echo "note: $SERVING does not exist yet; charts stay empty until 'plantrack refresh' publishes it"
  "$PY" "$HERE/bootstrap.py" import "$BUNDLE" "$SERVING"
}

start() {
  if running; then echo "Superset already running (pid $(cat "$PIDFILE")) at $URL"; return 0; fi
  if curl -fsS -o /dev/null "$URL/health" 2>/dev/null; then die "something else already answers at $URL"; fi
  echo "Starting Superset at $URL (log: $LOG)"
  # setsid: the server outlives this shell; its pid is the gunicorn master's.
  setsid "$SS_VENV/bin/gunicorn" --bind "$HOST:$PORT" --workers "$WORKERS" --threads 4 \
    --worker-class gthread --timeout 120 --graceful-timeout 10 --limit-request-line 0 \
    --limit-request-field_size 0 --access-logfile - "superset.app:create_app()" \
    >>"$LOG" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$URL/health" 2>/dev/null; then
      echo "Superset is up: $URL"
      echo "Log in as ${PLANTRACK_SUPERSET_ADMIN_USER:-admin}; the password is \$PLANTRACK_SUPERSET_ADMIN_PASSWORD" \
           "or the one in $PLANTRACK_SECRETS_DIR/superset_admin_password"
      return 0
    fi
    running || { tail -40 "$LOG"; rm -f "$PIDFILE"; die "Superset exited during start-up"; }
    sleep 1
  done
  tail -40 "$LOG"; die "Superset did not answer $URL/health within 180 s"
}

stop() {
  if ! running; then echo "Superset is not running"; rm -f "$PIDFILE"; return 0; fi
  local pid; pid="$(cat "$PIDFILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$PIDFILE"
  echo "Superset stopped"
}

status() {
  if running; then echo "running (pid $(cat "$PIDFILE")) at $URL"; else echo "not running"; return 1; fi
}

export_bundle() {
  "$PY" "$HERE/bootstrap.py" export "$BUNDLE"
  echo "Review and commit: git diff -- superset/bundle && git add superset/bundle"
}

case "${1:-}" in
  setup) setup ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  export) export_bundle ;;
  query-contexts) "$PY" "$HERE/bootstrap.py" query-contexts "$URL" ;;
  *) echo "usage: bash superset/manage.sh setup|start|stop|status|export|query-contexts" >&2; exit 2 ;;
esac
