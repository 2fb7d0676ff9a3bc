#!/usr/bin/env bash
# System packages the end-to-end and PostgreSQL tests use: Debian's chromium and postgresql.
# Installed when this machine can (root with apt-get); otherwise those tests are skipped locally,
# and fail instead of skipping under CI (CI=true), so a missing install step cannot hide.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || echo "warning: could not install ${need[*]}; the tests that need them will say so"
else
  echo "note: ${need[*]} not installed and cannot be installed here; the tests that need them are skipped"
fi
exit 0
