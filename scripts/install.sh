#!/usr/bin/env bash
# Installs ingestd as a systemd service (run as root on Debian 12):
#   binary   /usr/local/bin/ingestd                      (release build, Swift runtime linked in)
#   unit     /usr/local/lib/systemd/system/ingestd.service
#   users    /usr/local/lib/sysusers.d/ingestd.conf      (user and group ingestd)
#   folders  /usr/local/lib/tmpfiles.d/ingestd.conf      (/var/lib/ingestd/{inbox,...}, /run/ingestd)
#   config   /etc/ingestd/ingestd.toml                   (kept if it exists)
#   docs     /usr/local/share/doc/ingestd/               (operations.md, every option with its default)
# Options: --no-build (install the binary already at .build-install/release/ingestd).
# DESTDIR=/some/root stages the files there without touching the running system.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

DESTDIR="${DESTDIR:-}"
if [ -z "$DESTDIR" ] && [ "$(id -u)" != 0 ]; then
    echo "install.sh: run as root (or set DESTDIR to stage the files)" >&2
    exit 1
fi

if [ "$build" = 1 ]; then
    # the Swift runtime is linked in, so the service does not depend on the toolchain's
    # folder; a build folder of its own, so development builds are left alone
    swift build -c release --product ingestd --static-swift-stdlib --scratch-path .build-install
fi
bin="${INGESTD_INSTALL_BINARY:-.build-install/release/ingestd}"
[ -x "$bin" ] || { echo "install.sh: $bin not built (drop --no-build)" >&2; exit 1; }

install -D -m 0755 "$bin" "$DESTDIR/usr/local/bin/ingestd"
install -D -m 0644 systemd/ingestd.service "$DESTDIR/usr/local/lib/systemd/system/ingestd.service"
install -D -m 0644 systemd/ingestd.sysusers "$DESTDIR/usr/local/lib/sysusers.d/ingestd.conf"
install -D -m 0644 systemd/ingestd.tmpfiles "$DESTDIR/usr/local/lib/tmpfiles.d/ingestd.conf"
install -D -m 0644 docs/operations.md "$DESTDIR/usr/local/share/doc/ingestd/operations.md"
install -D -m 0644 config/ingestd.toml "$DESTDIR/usr/local/share/doc/ingestd/ingestd.toml.example"
if [ -e "$DESTDIR/etc/ingestd/ingestd.toml" ]; then
    echo "kept $DESTDIR/etc/ingestd/ingestd.toml (the new defaults are in /usr/local/share/doc/ingestd/ingestd.toml.example)"
else
    install -D -m 0644 systemd/ingestd.toml "$DESTDIR/etc/ingestd/ingestd.toml"
fi

if [ -n "$DESTDIR" ]; then
    echo "staged under $DESTDIR"
    exit 0
fi

# runtime packages: the inotify library and the word dictionary
missing=()
dpkg -s libinotifytools0 >/dev/null 2>&1 || missing+=(libinotifytools0)
dpkg -s python3-jieba >/dev/null 2>&1 || missing+=(python3-jieba)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

systemd-sysusers /usr/local/lib/sysusers.d/ingestd.conf
systemd-tmpfiles --create /usr/local/lib/tmpfiles.d/ingestd.conf
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi
cat <<MSG
ingestd installed. Start it now and at every boot with:

    systemctl enable --now ingestd

Let people drop files:   usermod -aG ingestd USER   (then: cp page.txt /var/lib/ingestd/inbox/)
See what it is doing:    ingestd status   ·   journalctl -u ingestd   ·   ingestd summary
Operations guide:        /usr/local/share/doc/ingestd/operations.md
MSG
