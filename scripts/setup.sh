#!/usr/bin/env bash
# Installs the Debian packages ccm needs to build and run, when they are missing.
set -euo pipefail
pkgs=(libxml2-dev libxmlsec1-dev libpq-dev libssl-dev postgresql tzdata ca-certificates python3 openssl xmlsec1 libxlsxwriter-dev libcurl4-openssl-dev "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
