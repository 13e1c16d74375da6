#!/usr/bin/env bash
# Starts the services the tests need (PostgreSQL, NATS with JetStream) when they are down,
# waits until each answers, and fails loudly when one cannot be started.
set -euo pipefail

wait_for() { # name, tries, command...
  local name=$1 tries=$2
  shift 2
  for _ in $(seq "$tries"); do
    if "$@" >/dev/null 2>&1; then echo "$name is up"; return 0; fi
    sleep 1
  done
  echo "ERROR: $name did not answer after ${tries}s" >&2
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -U postgres; }
if ! pg_up >/dev/null 2>&1; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
wait_for PostgreSQL 60 pg_up
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c 'create database test'

if ! port_open 4222; then
  echo "starting NATS"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log || true
fi
wait_for NATS 30 port_open 4222
