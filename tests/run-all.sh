#!/usr/bin/env bash
# Installs what the tests need (Debian's chromium for the browser tests, libgdiplus for Excel column sizing,
# PostgreSQL for the revocation connector, OpenLDAP's slapd and ldap-utils for the LDAP source and connector, rsyslog
# and rsyslog-gnutls for the SIEM feed, nginx for the scale-out test),
# builds, runs every test project, and ends with one line: "N passed, N failed". Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libgdiplus >/dev/null 2>&1 || missing+=(libgdiplus)
# A real PostgreSQL server for the database-credential connector; the tests start throwaway clusters on 127.0.0.1.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# A real OpenLDAP slapd (the tests start throwaway ones on 127.0.0.1) and its client tools; System.DirectoryServices.Protocols
# loads libldap-2.5 (libldap-2.5-0, a dependency of both). The tests never use the packaged daemon (where an init system
# starts it, it listens on 389, apart from the tests' ports).
[ -x /usr/sbin/slapd ] || missing+=(slapd)
[ -x /usr/bin/ldapmodify ] || missing+=(ldap-utils)
ldconfig -p | grep 'libldap-2.5.so.0\|libldap.so.2' >/dev/null || missing+=(libldap-2.5-0)
# A real rsyslog for the SIEM feed (the tests start throwaway instances on 127.0.0.1 with their own config, beside any
# system one) and its gtls driver for syslog over TLS.
[ -x /usr/sbin/rsyslogd ] || missing+=(rsyslog)
dpkg -s rsyslog-gnutls >/dev/null 2>&1 || missing+=(rsyslog-gnutls)
# nginx in front of two portal instances for the scale-out test (started by the test on 127.0.0.1 with the repository's
# deploy/nginx/nhiportal.conf; the packaged service is never used).
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(mktemp -d)"
dotnet build NhiPortal.sln -c Release -nologo -clp:ErrorsOnly

set +e
dotnet test NhiPortal.sln -c Release --no-build --logger "trx" --results-directory "$results"
status=$?
# The infrastructure suite a second time on a real PostgreSQL server (started by the tests, one for the pass): every
# service, query and job on a server database. Tests of one provider's own behaviour (tagged Database=Sqlite or
# Database=PostgreSql, the latter on the same kind of server) run in the first pass only.
echo "Infrastructure tests on PostgreSQL"
NHI_TEST_DATABASE=PostgreSql dotnet test tests/NhiPortal.Infrastructure.Tests -c Release --no-build --filter "Database!=Sqlite&Database!=PostgreSql" \
  --logger "trx;LogFileName=infrastructure-on-postgresql.trx" --results-directory "$results"
status=$(( status || $? ))
set -e

passed=0; failed=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
projects=$(( $(find tests -name '*.Tests.csproj' | wc -l) + 1 ))  # + the PostgreSQL pass
if [ "$files" -lt "$projects" ]; then
  echo "Only $files of $projects test projects reported results (a test host crashed?)."
  failed=$((failed + projects - files))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ] && [ "$passed" -gt 0 ]
