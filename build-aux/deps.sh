# build-aux/deps.sh — installs the Debian 12 packages Waymark needs, once
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by build-aux/run and build-aux/test. Packages already installed are
# skipped, so a second run costs one dpkg-query and no network.

waymark_build_packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsodium-dev libsqlite3-dev libjson-glib-dev libqpdf-dev
  libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream hicolor-icon-theme adwaita-icon-theme
  librsvg2-common fonts-cantarell fonts-dejavu-core
  python3
)
waymark_test_packages=(
  xvfb xauth dbus dbus-bin libpoppler-glib-dev poppler-utils
  libsqlcipher-dev sqlite3 imagemagick
)

waymark_install_packages ()
{
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
