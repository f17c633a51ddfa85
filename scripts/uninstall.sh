#!/usr/bin/env bash
# Removes what scripts/install.sh installed (run as root). The state folder
# /var/lib/ingestd (records, archive, failed, inbox) and /etc/ingestd are kept unless
# --purge is given; the user and group are kept too (files may still belong to them).
set -euo pipefail
purge=0
[ "${1:-}" = "--purge" ] && purge=1
DESTDIR="${DESTDIR:-}"
if [ -z "$DESTDIR" ] && [ "$(id -u)" != 0 ]; then
    echo "uninstall.sh: run as root" >&2
    exit 1
fi
if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
    systemctl disable --now ingestd 2>/dev/null || true
fi
rm -f "$DESTDIR/usr/local/bin/ingestd" \
      "$DESTDIR/usr/local/lib/systemd/system/ingestd.service" \
      "$DESTDIR/usr/local/lib/sysusers.d/ingestd.conf" \
      "$DESTDIR/usr/local/lib/tmpfiles.d/ingestd.conf"
rm -rf "$DESTDIR/usr/local/share/doc/ingestd"
if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi
if [ "$purge" = 1 ]; then
    rm -rf "$DESTDIR/var/lib/ingestd" "$DESTDIR/run/ingestd" "$DESTDIR/etc/ingestd"
    echo "removed ingestd and its state, config and runtime folders"
else
    echo "removed ingestd; kept /var/lib/ingestd and /etc/ingestd (--purge removes them)"
fi
