#!/usr/bin/env bash
# pg_auto_failover set-up for skillvoucher: one monitor and two PostgreSQL 15 data nodes with a synchronous
# standby (Debian: apt-get install postgresql-15-auto-failover). Run the part for each machine as `postgres`:
#
#   monitor machine:   ROLE=monitor  HOST=10.0.0.20 ./setup.sh
#   first data node:   ROLE=node     HOST=10.0.0.21 MONITOR_HOST=10.0.0.20 NAME=pg1 ./setup.sh
#   second data node:  ROLE=node     HOST=10.0.0.22 MONITOR_HOST=10.0.0.20 NAME=pg2 ./setup.sh
#   then, once:        ROLE=tune     MONITOR_HOST=10.0.0.20 ./setup.sh ; ROLE=app-user HOST=<primary> ./setup.sh
#
# With two data nodes and the defaults (number_sync_standbys 0, replication quorum on) the primary commits
# synchronously to the standby while it is healthy (synchronous_standby_names = 'ANY 1 (…)'): an acknowledged
# write is on both servers, and a failover loses none. When the standby is lost the monitor switches the primary
# to wait_primary (asynchronous) so writes go on. Use --ssl-self-signed or --ssl-ca-file and password (or cert)
# auth between machines; the fault test uses --no-ssl and trust on loopback only.
set -euo pipefail
export PATH=/usr/lib/postgresql/15/bin:$PATH
PGDATA=${PGDATA:-/var/lib/postgresql/15/pgaf}
PORT=${PORT:-5432}
case "${ROLE:?ROLE=monitor|node|tune|app-user}" in
  monitor)
    pg_autoctl create monitor --pgdata "$PGDATA" --pgport "$PORT" --hostname "${HOST:?}" --auth scram-sha-256 --ssl-self-signed
    pg_autoctl show systemd --pgdata "$PGDATA" > /etc/systemd/system/pgautofailover.service 2>/dev/null || true
    ;;
  node)
    pg_autoctl create postgres --pgdata "$PGDATA" --pgport "$PORT" --hostname "${HOST:?}" --name "${NAME:?}" \
      --auth scram-sha-256 --ssl-self-signed --dbname skillvoucher \
      --monitor "postgres://autoctl_node@${MONITOR_HOST:?}:5432/pg_auto_failover?sslmode=require"
    # the keeper demotes an isolated primary after this many seconds (keep it below the monitor's
    # primary_demote_timeout, see ROLE=tune)
    pg_autoctl config set --pgdata "$PGDATA" timeout.network_partition_timeout 10
    ;;
  tune)
    # Failure detection: the defaults take 20 s to call a primary unhealthy and 30 s for the demote timeout.
    # These are the values the fault test measures with (ARCHITECTURE.md, Deployment), a little wider for a network.
    psql "postgres://postgres@${MONITOR_HOST:?}:5432/pg_auto_failover" <<'SQL'
ALTER SYSTEM SET pgautofailover.health_check_period = 2000;
ALTER SYSTEM SET pgautofailover.health_check_timeout = 2000;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 2;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 1000;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 10000;
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 15000;
SELECT pg_reload_conf();
SQL
    ;;
  app-user)
    # the service's role and database (the schema is migrated by the first API node that starts)
    psql -h "${HOST:?}" -p "$PORT" -d skillvoucher -c "CREATE ROLE skillvoucher LOGIN PASSWORD '${APP_PASSWORD:?}'" \
      -c "ALTER DATABASE skillvoucher OWNER TO skillvoucher" -c "GRANT ALL ON SCHEMA public TO skillvoucher"
    # and on BOTH data nodes a pg_hba.conf line for the API nodes, then `pg_autoctl reload`:
    #   host skillvoucher skillvoucher 10.0.0.0/24 scram-sha-256
    ;;
esac
pg_autoctl show state --pgdata "$PGDATA" 2>/dev/null || true
