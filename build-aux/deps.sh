# build-aux/deps.sh — installs the Debian 12 packages Waymark needs, once
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by build-aux/run and build-aux/test. Packages already installed are
# skipped, so a second run costs one dpkg-query and no network.

# fonts-sil-scheherazade: referral PDFs (app/report) set Arabic-script names
# in it. fonts-dejavu-core has Arabic but lacks letters Urdu names use
# (ہ U+06C1, ے U+06D2), which would print as boxes and vanish from the
# PDF's text; Scheherazade (1.8 MB, Naskh) covers Arabic and Urdu both.
waymark_build_packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsodium-dev libsqlite3-dev libjson-glib-dev libqpdf-dev libcsv-dev
  libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream hicolor-icon-theme adwaita-icon-theme
  librsvg2-common fonts-cantarell fonts-dejavu-core fonts-sil-scheherazade
  python3
)
# at-spi2-core brings the accessibility bus: GTK 4 connects to it at start
# and warns when it cannot, and tests/gui reads the accessible tree through
# it with pyatspi, as a screen reader would. --no-install-recommends below
# means it must be named here, not left to libgtk-4's recommendations.
waymark_test_packages=(
  xvfb xauth dbus dbus-bin at-spi2-core python3-pyatspi xdotool
  libpoppler-glib-dev poppler-utils libsqlcipher-dev sqlite3 imagemagick
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
  # Another apt-get or an unattended upgrade may hold the dpkg lock: wait
  # for it (apt says so) rather than failing at once.
  local apt=(apt-get -o DPkg::Lock::Timeout=900)
  echo "==> Installing Debian packages: ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -q
  $sudo env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -q --no-install-recommends "${missing[@]}"
}

# Configures BUILDDIR with the given meson options (once; reconfigures when
# it exists and options were given) and builds it, showing meson's and
# ninja's own progress and every compiler error.
waymark_build ()
{
  local builddir=$1
  shift
  if [ ! -f "$builddir/build.ninja" ]; then
    echo "==> Configuring $builddir" >&2
    meson setup "$builddir" "$@" >&2
  elif [ $# -gt 0 ]; then
    echo "==> Reconfiguring $builddir" >&2
    meson setup --reconfigure "$builddir" "$@" >&2
  fi
  echo "==> Building $builddir" >&2
  meson compile -C "$builddir" >&2
}
