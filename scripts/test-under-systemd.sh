#!/usr/bin/env bash
# The installed service under a real systemd: boots systemd as PID 1 inside a container
# (systemd-nspawn over an overlay of this machine's root, on a tmpfs), installs ingestd
# there with scripts/install.sh, and runs it through start, drops, reload, watchdog,
# crash, stop, journal, sandbox, upgrade and uninstall. Run as root; CI runs it on every
# run. Skips (exit 0, with the reason) only where a container cannot be booted.
#   scripts/test-under-systemd.sh [--no-build] [--quick]   (--quick: boot and start only)
set -uo pipefail
quick=0
for a in "$@"; do [ "$a" = --quick ] && quick=1; done
cd "$(dirname "$0")/.."
repo=$(pwd)

skip() { echo "test-under-systemd: skipped: $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip "needs root (to mount an overlay and boot a container)"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn missing (apt-get install systemd-container)"

if [[ " $* " != *" --no-build "* ]]; then
    swift build -c release --product ingestd --static-swift-stdlib --scratch-path .build-install 2>&1 | tail -n 1
fi
[ -x .build-install/release/ingestd ] || { echo "test-under-systemd: no release binary in .build-install"; exit 1; }

run=/run/ingestd-systemd-test-$$
mkdir -p "$run"
mount -t tmpfs -o size=2g tmpfs "$run" || skip "cannot mount a tmpfs"
mkdir -p "$run/upper" "$run/work" "$run/merged"
if ! mount -t overlay overlay -o "lowerdir=/,upperdir=$run/upper,workdir=$run/work" "$run/merged"; then
    umount "$run"; rmdir "$run"
    skip "cannot mount an overlay over / here"
fi
root="$run/merged"
nspawn_pid=""
pass=0
fail=0

cleanup() {
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        inside systemctl poweroff >/dev/null 2>&1 || true
        for _ in $(seq 1 40); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$nspawn_pid" 2>/dev/null || true
        wait "$nspawn_pid" 2>/dev/null || true
    fi
    umount "$root" 2>/dev/null || umount -l "$root" 2>/dev/null || true
    umount "$run" 2>/dev/null || umount -l "$run" 2>/dev/null || true
    rmdir "$run" 2>/dev/null || true
}
trap cleanup EXIT

check() { # check "what" command...
    local what=$1; shift
    if "$@"; then pass=$((pass + 1)); echo "  ok    $what"; else fail=$((fail + 1)); echo "  FAIL  $what"; fi
}
# a command inside the container (all of its namespaces)
inside() { nsenter --target "$container_pid" --all "$@"; }
as() { local user=$1; shift; inside runuser -u "$user" -- "$@"; }
wait_for() { # wait_for SECONDS command...: true once the command succeeds
    local limit=$1; shift
    local end=$((SECONDS + limit))
    while [ $SECONDS -lt $end ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
    "$@" >/dev/null 2>&1
}

# libdispatch asks for nice -4 for its timer thread, which the service may not take; the
# unit sets LIBDISPATCH_LOG=NO so that this does not put an error line in the journal
thread_priority_note() {
    check "no thread-priority message from libdispatch at start" \
        sh -c "! nsenter --target $container_pid --all journalctl -u ingestd --no-pager | grep -q 'thread priority'"
}

# stage the install into the container's root, with the pages to drop
ln -sf /dev/null "$root/etc/systemd/system/systemd-firstboot.service"
DESTDIR="$root" INGESTD_INSTALL_BINARY=.build-install/release/ingestd scripts/install.sh --no-build >/dev/null
mkdir -p "$root/srv/pages"
python3 - "$root/srv/pages" "$repo/seeds" <<'PY'
import os, sys
out, seeds = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(seeds) if n.endswith(".txt"))
for i in range(900):
    text = open(os.path.join(seeds, names[i % len(names)]), encoding="utf-8").read()
    open(os.path.join(out, "p%03d.txt" % i), "w", encoding="utf-8").write("第%d期\n\n" % (5000 + i) + text)
open(os.path.join(out, "bad.txt"), "wb").write(bytes([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13]))
PY
cp "$repo/scripts/uninstall.sh" "$root/srv/uninstall.sh"

echo "booting systemd inside a container…"
systemd-nspawn --directory="$root" --boot --register=no --keep-unit --console=pipe >"$run/console.log" 2>&1 &
nspawn_pid=$!
container_pid=""
for _ in $(seq 1 60); do
    # the container's systemd: the child of nspawn's child
    for child in $(pgrep -P "$nspawn_pid"); do
        container_pid=$(pgrep -P "$child" -x systemd | head -n 1)
        [ -z "$container_pid" ] && [ "$(cat /proc/"$child"/comm 2>/dev/null)" = systemd ] && container_pid=$child
        [ -n "$container_pid" ] && break
    done
    [ -n "$container_pid" ] && break
    sleep 0.5
done
[ -n "$container_pid" ] || { echo "test-under-systemd: the container did not start"; tail -n 20 "$run/console.log"; exit 1; }
wait_for 90 sh -c "nsenter --target $container_pid --all systemctl is-system-running | grep -Eq 'running|degraded'" \
    || { echo "test-under-systemd: systemd did not finish booting"; tail -n 20 "$run/console.log"; exit 1; }
echo "systemd $(inside systemctl --version | head -n 1 | cut -d' ' -f2) is up as PID 1 (host PID $container_pid)"

echo "1. boot and start"
check "sysusers created user and group ingestd" inside sh -c 'getent passwd ingestd >/dev/null && getent group ingestd >/dev/null'
check "tmpfiles created the inbox 2770 and archive 2750" \
    test "$(inside stat -c '%a %U %G' /var/lib/ingestd/inbox)" = "2770 ingestd ingestd" -a "$(inside stat -c '%a' /var/lib/ingestd/archive)" = "2750"
inside systemctl enable --now ingestd >/dev/null 2>&1
check "systemctl enable --now reaches active (running) after READY=1" \
    test "$(inside systemctl show -p ActiveState --value ingestd)/$(inside systemctl show -p SubState --value ingestd)" = "active/running"
check "systemctl status shows the daemon's STATUS= line" sh -c "nsenter --target $container_pid --all systemctl status ingestd --no-pager | grep -q 'Status: \"running: '"

if [ "$quick" = 1 ]; then
    sleep 3
    thread_priority_note
    inside journalctl -u ingestd --no-pager -o cat | head -n 20
    echo "under systemd (quick): $pass passed, $fail failed"
    [ "$fail" = 0 ]
    exit
fi

echo "2. drop-box"
inside useradd -m -G ingestd dropper
inside useradd -m outsider
as dropper mkdir -p /home/dropper/out
as dropper cp /srv/pages/p000.txt /var/lib/ingestd/inbox/
as dropper cp /srv/pages/p001.txt /home/dropper/out/ && as dropper mv /home/dropper/out/p001.txt /var/lib/ingestd/inbox/
as dropper mkdir /var/lib/ingestd/inbox/sub && as dropper cp /srv/pages/p002.txt /var/lib/ingestd/inbox/sub/
check "pages dropped with cp, mv and into a new subfolder are archived" \
    wait_for 30 sh -c "[ \$(nsenter --target $container_pid --all find /var/lib/ingestd/archive -type f | wc -l) -eq 3 ]"
check "their records are written" sh -c "[ \$(nsenter --target $container_pid --all sh -c 'cat /var/lib/ingestd/records/*.jsonl' | wc -l) -gt 0 ]"
check "a member of the group runs ingestd status (exit 0)" as dropper ingestd status --status-file /run/ingestd/status.json
check "a member of the group runs ingestd summary" sh -c "nsenter --target $container_pid --all runuser -u dropper -- ingestd summary --state-dir /var/lib/ingestd | grep -q ."
check "a user outside the group cannot write into the inbox" \
    sh -c "! nsenter --target $container_pid --all runuser -u outsider -- cp /srv/pages/p003.txt /var/lib/ingestd/inbox/ 2>/dev/null"

echo "3. reload"
inside sh -c 'printf "workers = 1\ninclude = [\"*.txt\", \"*.page\"]\n" >> /etc/ingestd/ingestd.toml'
as dropper cp /srv/pages/p003.txt /var/lib/ingestd/inbox/
inside systemctl reload ingestd
check "the journal shows the new settings" \
    wait_for 15 sh -c "nsenter --target $container_pid --all journalctl -u ingestd --no-pager | grep -q 'configuration reloaded: 1 worker(s), include \[\"\*.txt\", \"\*.page\"\]'"
check "no file lost during the reload" wait_for 30 sh -c "[ \$(nsenter --target $container_pid --all find /var/lib/ingestd/archive -type f | wc -l) -eq 4 ]"

echo "4. watchdog and crash"
inside mkdir -p /etc/systemd/system/ingestd.service.d
inside sh -c 'printf "[Service]\nWatchdogSec=4s\nTimeoutAbortSec=5s\n" > /etc/systemd/system/ingestd.service.d/watchdog.conf'
inside systemctl daemon-reload
inside systemctl restart ingestd
main=$(inside systemctl show -p MainPID --value ingestd)
inside kill -STOP "$main"
check "a stopped process trips the watchdog and is restarted" \
    wait_for 60 sh -c "[ \$(nsenter --target $container_pid --all systemctl show -p NRestarts --value ingestd) -ge 1 ] && nsenter --target $container_pid --all systemctl is-active -q ingestd"
check "the journal says watchdog timeout" sh -c "nsenter --target $container_pid --all journalctl -u ingestd --no-pager | grep -qi 'watchdog timeout'"
inside rm /etc/systemd/system/ingestd.service.d/watchdog.conf
inside systemctl daemon-reload
inside systemctl restart ingestd
as dropper mkdir -p /home/dropper/burst
as dropper sh -c 'cp /srv/pages/p1[0-9][0-9].txt /srv/pages/p[2-5][0-9][0-9].txt /home/dropper/burst/'
as dropper sh -c 'mv /home/dropper/burst/* /var/lib/ingestd/inbox/'
sleep 1
inside systemctl kill -s KILL ingestd
check "systemd restarts it after kill -9" wait_for 30 sh -c "nsenter --target $container_pid --all systemctl is-active -q ingestd"
check "the 500-page burst drains after the restart" wait_for 240 sh -c "[ -z \"\$(nsenter --target $container_pid --all find /var/lib/ingestd/inbox -type f)\" ]"
verify='
import glob, json, os, sys
counts, seen, bad = {}, {}, 0
for f in glob.glob("/var/lib/ingestd/records/*.jsonl"):
    for line in open(f, encoding="utf-8"):
        try: r = json.loads(line)
        except ValueError: bad += 1; continue
        s = r["source"]; seen.setdefault(s["path"], []).append(s["index"]); counts[s["path"]] = s["count"]
archived = [p for p in glob.glob("/var/lib/ingestd/archive/*/**", recursive=True) if os.path.isfile(p)]
names = [os.path.relpath(p, "/var/lib/ingestd/archive").split("/", 1)[1] for p in archived]
wrong = [n for n in names if sorted(seen.get(n, [])) != list(range(counts.get(n, -1)))]
print("records not JSON:", bad, "archived:", len(names), "without exactly-once records:", wrong[:5])
sys.exit(0 if bad == 0 and not wrong and len(names) == len(set(names)) else 1)'
check "every page has its records exactly once" inside python3 -c "$verify"

echo "5. stop"
# a fresh start, settled (status written by this process), so the stop meets a running daemon
inside systemctl restart ingestd
wait_for 30 sh -c "nsenter --target $container_pid --all python3 -c 'import json,subprocess,sys; d=json.load(open(\"/run/ingestd/status.json\")); pid=subprocess.run([\"systemctl\",\"show\",\"-p\",\"MainPID\",\"--value\",\"ingestd\"],capture_output=True,text=True).stdout.strip(); sys.exit(0 if d[\"state\"]==\"running\" and str(d[\"pid\"])==pid else 1)'"
restarts_before=$(inside systemctl show -p NRestarts --value ingestd)
as dropper sh -c 'cp /srv/pages/p6[0-9][0-9].txt /srv/pages/p7[0-9][0-9].txt /srv/pages/p8[0-9][0-9].txt /home/dropper/burst/ && mv /home/dropper/burst/* /var/lib/ingestd/inbox/'
start=$SECONDS
inside systemctl stop ingestd
took=$((SECONDS - start))
check "systemctl stop during a burst ends within TimeoutStopSec (took ${took} s)" test "$took" -lt 30
exited="$(inside systemctl show -p ExecMainCode,ExecMainStatus,Result,NRestarts ingestd | tr '\n' ' ')(restarts before: $restarts_before)"
check "the main process exited 0 ($exited)" grep -q "ExecMainStatus=0" <<<"$exited"
state=$(inside python3 -c 'import json; print(json.load(open("/run/ingestd/status.json"))["state"])' 2>&1)
check "status.json in /run/ingestd stays readable and says stopped ($state)" test "$state" = stopped
inside runuser -u dropper -- ingestd status --status-file /run/ingestd/status.json >/dev/null 2>&1
code=$?
check "ingestd status exits 3 ($code)" test "$code" = 3
inside systemctl start ingestd
check "the rest of the burst drains after a start" wait_for 240 sh -c "[ -z \"\$(nsenter --target $container_pid --all find /var/lib/ingestd/inbox -type f)\" ]"
check "still every page exactly once" inside python3 -c "$verify"

echo "6. journal"
as dropper cp /srv/pages/bad.txt /var/lib/ingestd/inbox/
wait_for 20 sh -c "nsenter --target $container_pid --all test -e /var/lib/ingestd/failed/bad.txt.error.json"
warnings=$(inside journalctl -u ingestd -p warning --no-pager -o cat | grep -v -- '-- ' || true)
check "journalctl -p warning shows the failed page" grep -q 'failed bad.txt: binary' <<<"$warnings"
# besides the page: systemd's own lines for the watchdog and kill tests, and the
# container's "loopback" note (PrivateNetwork inside nspawn), none of them the daemon's
others=$(grep -v -e 'failed bad.txt' -e 'Watchdog timeout' -e 'Killing process' -e 'Main process exited' -e 'Failed with result' \
    -e 'Failed to configure loopback network device' <<<"$warnings" || true)
check "…and nothing but failed pages and the crash tests${others:+ (also: $others)}" test -z "$others"
thread_priority_note
check "one line per file ingested" sh -c "nsenter --target $container_pid --all journalctl -u ingestd --no-pager -o cat | grep -c '^.*ingested p[0-9]*.txt' | grep -qv '^0$'"

echo "7. sandbox"
exposure=$(inside systemd-analyze security ingestd --no-pager 2>/dev/null | sed -n 's/.*Overall exposure level for ingestd.service: \([0-9.]*\).*/\1/p')
check "systemd-analyze security on the live unit: ${exposure:-?} ≤ 1.5" python3 -c "import sys; sys.exit(0 if 0 <= float('${exposure:-99}') <= 1.5 else 1)"
inside cp /etc/ingestd/ingestd.toml /etc/ingestd/ingestd.toml.good
inside sh -c 'echo "records_dir = \"/usr/local/ingestd-records\"" >> /etc/ingestd/ingestd.toml'
inside systemctl restart ingestd >/dev/null 2>&1
check "a records_dir outside the state folder fails to start" \
    wait_for 20 sh -c "nsenter --target $container_pid --all systemctl show -p Result --value ingestd | grep -q exit-code"
check "with a clear error inside the journal" sh -c "nsenter --target $container_pid --all journalctl -u ingestd --no-pager -o cat | grep -q '/usr/local/ingestd-records'"
check "and nothing written there" sh -c "! nsenter --target $container_pid --all test -e /usr/local/ingestd-records"
inside mv /etc/ingestd/ingestd.toml.good /etc/ingestd/ingestd.toml
inside systemctl reset-failed ingestd
inside systemctl start ingestd

echo "8. upgrade and uninstall"
before=$(inside sh -c 'cat /var/lib/ingestd/ledger.jsonl | wc -l')
install -m 0755 .build-install/release/ingestd "$root/usr/local/bin/ingestd.new" && inside mv /usr/local/bin/ingestd.new /usr/local/bin/ingestd
inside systemctl restart ingestd
check "after an upgrade and restart the ledger carries over" test "$(inside sh -c 'cat /var/lib/ingestd/ledger.jsonl | wc -l')" = "$before"
as dropper cp /srv/pages/p000.txt /var/lib/ingestd/inbox/again.txt
check "a page ingested before is still a duplicate" \
    wait_for 30 sh -c "nsenter --target $container_pid --all python3 -c 'import json,sys; sys.exit(0 if json.load(open(\"/run/ingestd/status.json\"))[\"counters\"][\"duplicates\"] >= 1 else 1)'"
inside bash /srv/uninstall.sh >/dev/null
check "uninstall.sh removes the service and keeps /var/lib/ingestd" \
    sh -c "! nsenter --target $container_pid --all test -e /usr/local/bin/ingestd && nsenter --target $container_pid --all test -s /var/lib/ingestd/ledger.jsonl"

echo "under systemd: $pass passed, $fail failed"
[ "$fail" = 0 ]
