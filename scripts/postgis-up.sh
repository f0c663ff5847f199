#!/usr/bin/env bash
# Install PostgreSQL 15 + PostGIS 3 from Debian's packages, start the local cluster if it is down, and create a
# database with the postgis extension. Idempotent: safe to run again. Usage: scripts/postgis-up.sh [dbname]
set -euo pipefail
DB="${1:-zhigong}"
PGVER="${PGVER:-15}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

if ! dpkg -s "postgresql-${PGVER}-postgis-3" >/dev/null 2>&1; then
  echo "[postgis-up] installing postgresql-${PGVER}-postgis-3 …"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-${PGVER}-postgis-3" >/dev/null
fi

if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PGVER" '$1==v && $2=="main"' | grep -q .; then
  echo "[postgis-up] creating cluster ${PGVER}/main …"
  $SUDO pg_createcluster "$PGVER" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PGVER" '$1==v && $2=="main" {print $4}' | grep -q online; then
  echo "[postgis-up] starting cluster ${PGVER}/main …"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
fi

# Connect as postgres over TCP (trust auth on these machines) or the local socket as the postgres OS user.
psql_() {
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"
  else
    $SUDO -u postgres psql -v ON_ERROR_STOP=1 "$@"
  fi
}
for i in $(seq 1 30); do psql_ -d postgres -Atqc 'select 1' >/dev/null 2>&1 && break; sleep 1; done

if [ "$(psql_ -d postgres -Atqc "select 1 from pg_database where datname = '${DB}'")" != "1" ]; then
  echo "[postgis-up] creating database ${DB} …"
  psql_ -d postgres -qc "create database \"${DB}\""
fi
psql_ -d "$DB" -qc 'create extension if not exists postgis' >/dev/null
echo "[postgis-up] ready: DATABASE_URL=postgres://postgres@127.0.0.1:5432/${DB}  ($(psql_ -d "$DB" -Atqc 'select postgis_lib_version()') on PostgreSQL $(psql_ -d "$DB" -Atqc 'show server_version'))"
