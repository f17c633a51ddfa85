import Foundation
import Logging

/// systemd's watchdog, fed only while the pipeline moves: a file finished within the last
/// `WatchdogSec`, or there is nothing to do, or the sink is waiting out a failing disk (a
/// restart would not help; status says degraded). A worker or the sink stuck for
/// `WatchdogSec` stops the pings, and systemd restarts the service one `WatchdogSec` later.
final class WatchdogService: DaemonService {
    struct Progress: Sendable, Equatable {
        var completed: Int
        var waiting: Int
        var inFlight: Int
        var writeFault: Bool
        var idle: Bool { waiting + inFlight == 0 }
    }

    let name = "watchdog"
    let notify: SystemdNotify
    let probe: @Sendable () async -> Progress
    let log: Logger
    private let loop = TaskBox()

    init(notify: SystemdNotify, log: Logger, probe: @escaping @Sendable () async -> Progress) {
        self.notify = notify
        self.log = log
        self.probe = probe
    }

    func start() async throws {
        guard let every = notify.watchdogInterval else { return }
        let stallLimit = every * 2
        loop.set(Task { [self] in
            var last = await probe()
            var moved = RFC3339Clock.now()
            var lastPing = -Double.infinity
            var silent = false
            while !Task.isCancelled {
                let p = await probe()
                let now = RFC3339Clock.now()
                if p.completed != last.completed || p.idle || p.writeFault { moved = now }
                last = p
                if now - moved < stallLimit {
                    if silent { log.notice("files move again: watchdog pings resumed") }
                    silent = false
                    if now - lastPing >= every {
                        notify.send("WATCHDOG=1")
                        lastPing = now
                    }
                } else if !silent {
                    silent = true
                    log.warning("no file has finished for \(Int(now - moved)) s with \(p.inFlight) in flight and \(p.waiting) waiting: watchdog pings stopped, systemd restarts the service if this lasts")
                }
                try? await Task.sleep(for: .seconds(min(every / 2, 1)))
            }
        })
    }

    func quiesce() async { loop.cancel() }
    func shutdown() async {}
}
