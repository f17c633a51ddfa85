import Foundation
import Glibc
import Synchronization

/// inotify on the inbox, unless its filesystem or the kernel rules it out (then the scans
/// poll). Every event becomes a queued path or a scan request; lost events become a full
/// scan. `start` returns once the watch is in place and asks for the first full scan, so a
/// file dropped before the watch existed is found by that scan.
final class WatcherService: DaemonService {
    let name = "watcher"
    let config: DaemonConfig
    let queue: WorkQueue
    let scans: ScanCoordinator
    let settings: LiveSettings
    let pace: RescanPace
    let events: EventBus
    let watcher: InotifyWatcher
    private let loop = TaskBox()
    /// Whether the inotify thread runs (and so must be stopped).
    private let watching = Atomic<Bool>(false)

    init(config: DaemonConfig, queue: WorkQueue, scans: ScanCoordinator, settings: LiveSettings, pace: RescanPace, events: EventBus) {
        self.config = config
        self.queue = queue
        self.scans = scans
        self.settings = settings
        self.pace = pace
        self.events = events
        self.watcher = InotifyWatcher(root: config.inboxPath)
    }

    func start() async throws {
        var pollReason = RemoteFilesystem.reason(config.inboxPath)
        if pollReason == nil {
            do {
                try watcher.start()
                watching.store(true, ordering: .relaxed)
            } catch {
                pollReason = "\(error)"
            }
        }
        if let pollReason {
            _ = pace.exchange(config.pollIntervalSeconds)
            await events.emit(.watchMode("poll", note: pollReason))
            await events.emit(.said("watching by polling every \(config.pollIntervalSeconds) s: \(pollReason)", level: .warning))
        } else {
            await events.emit(.watches(watcher.watches))
            await events.emit(.said("watching \(config.inboxPath) with inotify (\(watcher.watches) folder(s))", level: .info))
            loop.set(Task { [self] in
                for await event in watcher.events { await handle(event) }
            })
        }
        await scans.request()
    }

    func quiesce() async {
        if watching.exchange(false, ordering: .relaxed) { watcher.stop() }
        loop.cancel()
    }

    func shutdown() async {}

    private func handle(_ event: InboxEvent) async {
        switch event {
        case .file(let path) where path.unicodeScalars.contains("\u{FFFD}"),
             .directory(let path) where path.unicodeScalars.contains("\u{FFFD}"):
            // a name that is not UTF-8: the scan of the folder holding the first such
            // component reports it
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            let bad = parts.firstIndex { $0.unicodeScalars.contains("\u{FFFD}") } ?? parts.count - 1
            await scans.request(folder: parts[..<bad].joined(separator: "/"))
        case .file(let path):
            if settings.limits.filter.accepts(name: (path as NSString).lastPathComponent) { await queue.put(path) }
        case .directory(let path):
            await scans.request(folder: path)
        case .unwatched(let path, let e) where e == ENOSPC:
            // the kernel's watch limit: from now on scans at the polling pace find what inotify cannot
            if pace.exchange(config.pollIntervalSeconds) != config.pollIntervalSeconds {
                let note = "inotify watch limit reached at \(path) (raise fs.inotify.max_user_watches); scanning every \(config.pollIntervalSeconds) s as well"
                await events.emit(.watchMode("poll", note: note))
                await events.emit(.said(note, level: .warning))
            }
        case .unwatched(let path, let e):
            // an unreadable folder is reported by the scan of it that follows
            if e != EACCES {
                await events.emit(.said("cannot watch \(path): \(String(cString: strerror(e))); its files are found by the periodic rescan", level: .warning))
            }
        case .overflow:
            await lost("inotify queue overflowed")
        }
        if watcher.takeLostEvents() {
            await lost("events arrived faster than they could be queued")
        }
        await events.emit(.watches(watcher.watches))
    }

    private func lost(_ why: String) async {
        await events.emit(.overflow(why))
        await scans.request()
    }
}
