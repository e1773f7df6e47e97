#!/usr/bin/env bash
# Installs Debian's chromium for the incident-page browser tests (no browser can be downloaded by Playwright here).
# Run by the tests themselves when /usr/bin/chromium is missing, and by .ci/run.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
