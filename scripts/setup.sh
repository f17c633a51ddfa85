#!/usr/bin/env bash
# Installs the system packages ingestd needs on Debian 12 (run as root or with sudo):
#   libinotifytools0-dev  the inotify C library behind Sources/CInotify
#   python3-jieba         the published word dictionary and IDF table used for keywords
#                         (/usr/lib/python3/dist-packages/jieba/{dict.txt,analyse/idf.txt})
#   systemd               systemd-analyze, systemd-sysusers and systemd-tmpfiles, which the
#                         tests run on the files under systemd/ (systemd need not be running)
#   util-linux            unshare and setpriv, for the test of the daemon without network;
#                         nsenter and mount, for the test under a real systemd
#   systemd-container     systemd-nspawn, which boots systemd as PID 1 in a container for
#                         scripts/test-under-systemd.sh
#   postgresql            PostgreSQL 15's server binaries (initdb, pg_ctl), for the tests of the
#                         fleet shipper: they start their own cluster as the postgres user in a
#                         temporary folder (the package's own cluster is not used)
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libinotifytools0-dev python3-jieba systemd util-linux systemd-container postgresql >/dev/null
echo "setup: libinotifytools0-dev, python3-jieba, systemd, util-linux, systemd-container and postgresql installed"
