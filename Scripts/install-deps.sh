#!/usr/bin/env bash
# Installs the Debian packages Batchdeck builds and tests with, when any are missing.
# Needs root or sudo for apt-get; prints what to install otherwise. nghttp2-proxy (nghttpx, an
# HTTP/2 reverse proxy) is for the tests only: they put it in front of `sim serve`.
set -euo pipefail

packages=(
  libncurses-dev libcurl4-openssl-dev libyaml-dev libssl-dev openssl tmux pkg-config
  nghttp2-proxy
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "Batchdeck needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]}" >&2
"${run[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq "${missing[@]}"
