#!/usr/bin/env bash
# System packages the end-to-end, PostgreSQL and report tests use: Debian's chromium and postgresql; for the
# PDF report the libraries WeasyPrint loads (pango, harfbuzz), the Noto CJK fonts, poppler-utils (pdftotext,
# pdftoppm) and LibreOffice Calc (the Excel report converted to PDF in a test).
# Installed when this machine can (root with apt-get); otherwise those tests are skipped locally,
# and fail instead of skipping under CI (CI=true), so a missing install step cannot hide.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || need+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || need+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -q 'Noto Sans CJK JP' || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q 'DejaVu Sans' || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
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
