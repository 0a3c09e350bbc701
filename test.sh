#!/usr/bin/env bash
# Runs every test of MspasTramite on a fresh Debian machine with only the .NET SDK:
# installs what the tests need (PostgreSQL, Chromium, an SMTP server, fonts), starts them on
# 127.0.0.1, runs the unit tests, the integration tests on SQLite and on PostgreSQL, and the
# end-to-end journeys in Chromium, then stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

packages=(postgresql chromium python3-aiosmtpd fonts-dejavu-core poppler-utils zbar-tools wrk)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's package starts a cluster of its own on 5432; the tests use their own, so leave it alone.
# wrk: the web benchmark's smoke test (infra/bench/README.md) drives the app with it.

source infra/test/services.sh
trap services_stop EXIT
services_start

export MSPAS_CHROMIUM="${MSPAS_CHROMIUM:-/usr/bin/chromium}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build MspasTramite.sln -c Release -warnaserror -v quiet -nologo
# Formatting is part of the build's contract (.editorconfig); a diff fails the run.
dotnet format MspasTramite.sln --verify-no-changes --no-restore

passed=0; failed=0; skipped=0; status=0
run() {
    local project=$1 log
    log=$(mktemp)
    echo "== $project"
    if ! dotnet test "$project" -c Release --no-build --nologo -v quiet 2>&1 | tee "$log"; then status=1; fi
    # "Passed!  - Failed: 0, Passed: 25, Skipped: 0, Total: 25" (one line per test assembly)
    local line
    line=$(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+" "$log" | tail -n 1 || true)
    if [ -z "$line" ]; then
        echo "no test summary from $project" >&2; status=1
    else
        failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")))
        passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")))
        skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")))
    fi
    rm -f "$log"
}

run tests/MspasTramite.Core.Tests/MspasTramite.Core.Tests.csproj
run tests/MspasTramite.Web.Tests/MspasTramite.Web.Tests.csproj
run tests/MspasTramite.PaymentSandbox.Tests/MspasTramite.PaymentSandbox.Tests.csproj
run e2e/MspasTramite.E2E/MspasTramite.E2E.csproj

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
