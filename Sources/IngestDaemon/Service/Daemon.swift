import Foundation
import Glibc
import Ingest
import Logging

/// `ingestd run`: watch → queue → parse → write. Owns every effect: folders, the watcher,
/// scans, the worker pool, the sink, status, signals and systemd notifications.
package final class Daemon: Sendable {
    let config: DaemonConfig
    let reload: @Sendable () throws -> DaemonConfig
    let log: Logger
    let notify = SystemdNotify()
    private let controls: AsyncStream<SignalEvents.Signal>
    private let control: AsyncStream<SignalEvents.Signal>.Continuation

    package init(config: DaemonConfig, reload: @escaping @Sendable () throws -> DaemonConfig, log: Logger) {
        self.config = config
        self.reload = reload
        self.log = log
        (controls, control) = AsyncStream.makeStream(of: SignalEvents.Signal.self)
    }

    /// Stops the daemon as SIGTERM would (for `ingestd demo`, which runs it in-process).
    package func requestStop() { control.yield(.terminate) }

    struct StartupFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs until SIGTERM/SIGINT; returns the exit status.
    package func run() async throws -> Int32 {
        let signals = SignalEvents(forwardingTo: control)
        // a file-size limit makes writes fail with EFBIG, handled like a full disk, instead of
        // killing the process
        signal(SIGXFSZ, SIG_IGN)
        defer { signals.cancel() }
        let now = RFC3339Clock.now()
        let status = StatusBoard(config: config, version: DaemonVersion.current, now: now)

        try prepareFolders()
        var ledger = CommitLedger(path: config.ledgerPath, recordsDir: config.recordsPath)
        let recovery = try ledger.recover()
        if recovery.recordLinesRemoved > 0 || recovery.ledgerBytesCut > 0 {
            log.notice("recovered after an unclean stop: removed \(recovery.recordLinesRemoved) uncommitted record line(s) from \(recovery.filesRepaired.joined(separator: ", ")); cut \(recovery.ledgerBytesCut) torn ledger byte(s); their sources are still in the inbox and will be ingested again")
        }
        if recovery.tornFragments > 0 {
            log.notice("repaired \(recovery.tornFragments) torn fragment(s) (\(recovery.tornBytes) byte(s)) left before committed lines by a failed write, in \(recovery.filesRepaired.joined(separator: ", ")) and the ledger; every committed record is whole again")
        }
        log.info("ledger: \(ledger.entries) source(s) ingested before")

        let lexicon: Lexicon
        do {
            lexicon = try LexiconFiles.load(directory: config.lexiconDir)
        } catch {
            throw StartupFailure(description: "\(error)")
        }
        let sink = RecordSink(ledger: ledger, recordsDir: config.recordsPath, archiveDir: config.archivePath)
        let queue = WorkQueue(capacity: config.queueCapacity)
        let settings = LiveSettings(.init(maxFileBytes: config.maxFileBytes, filter: FileFilter(include: config.include, exclude: config.exclude)))
        let processor = ProcessorFactory(ingestor: Ingestor(lexicon: lexicon), sink: sink, inbox: config.inboxPath, failedDir: config.failedPath)
        let scans = ScanCoordinator(inbox: config.inboxPath, queue: queue, settings: settings, settle: config.settleSeconds, status: status, log: log)

        // status file and systemd keep-alives
        let statusPath = config.statusPath
        let interval = config.statusIntervalSeconds
        let metrics = IngestMetrics(version: DaemonVersion.current)
        let metricsPath = config.metricsPath
        let statusWriter = StatusWriter(path: statusPath, log: log)
        let writeStatus: @Sendable () async -> Void = { [log, notify] in
            let q = (await queue.pending, await queue.inFlightCount)
            let doc = await status.snapshot(queue: q, now: RFC3339Clock.now())
            statusWriter.write(doc)
            if let metricsPath {
                do {
                    try DurableFiles.replace(metricsPath, with: metrics.render(queue: q))
                } catch {
                    log.warning("cannot write metrics file: \(error)")
                }
            }
            if notify.enabled { notify.send("STATUS=\(await status.summaryLine(queue: q))") }
        }
        let statusLoop = Task {
            while !Task.isCancelled {
                await writeStatus()
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        let watchdogLoop: Task<Void, Never>? = notify.watchdogInterval.map { every in
            Task { [notify] in
                while !Task.isCancelled {
                    notify.send("WATCHDOG=1")
                    try? await Task.sleep(for: .seconds(every))
                }
            }
        }

        // watching: inotify unless the filesystem or the kernel rules it out
        let watcher = InotifyWatcher(root: config.inboxPath)
        var pollReason = RemoteFilesystem.reason(config.inboxPath)
        if pollReason == nil {
            do {
                try watcher.start()
                await status.setWatches(watcher.watches)
            } catch {
                pollReason = "\(error)"
            }
        }
        if let pollReason {
            await status.setWatch(mode: "poll", note: pollReason)
            log.warning("watching by polling every \(config.pollIntervalSeconds) s: \(pollReason)")
        } else {
            log.info("watching \(config.inboxPath) with inotify (\(watcher.watches) folder(s))")
        }
        // summary.json exists before anyone is told the daemon runs
        let summary = SummaryStore(documentPath: config.summaryPath, windowHours: config.summaryWindowHours, now: RFC3339Clock.now(), log: log)
        await summary.writeNow()
        await status.setState("running")
        await scans.request()
        await writeStatus()
        notify.send("READY=1")
        log.info("ingestd \(DaemonVersion.current) running: \(config.resolvedWorkers) worker(s), state in \(config.stateDirURL.path)")

        let polling = pollReason != nil
        let rescanPace = RescanPace(polling ? config.pollIntervalSeconds : config.rescanIntervalSeconds)
        let eventLoop = Task {
            guard !polling else { return }
            for await event in watcher.events {
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
                    if rescanPace.exchange(config.pollIntervalSeconds) != config.pollIntervalSeconds {
                        let note = "inotify watch limit reached at \(path) (raise fs.inotify.max_user_watches); scanning every \(config.pollIntervalSeconds) s as well"
                        await status.setWatch(mode: "poll", note: note)
                        log.warning("\(note)")
                    }
                case .unwatched(let path, let e):
                    // an unreadable folder is reported by the scan of it that follows
                    if e != EACCES { log.warning("cannot watch \(path): \(String(cString: strerror(e))); its files are found by the periodic rescan") }
                case .overflow:
                    await status.overflowed()
                    metrics.overflowed()
                    log.warning("inotify queue overflowed: rescanning the inbox")
                    await scans.request()
                }
                if watcher.takeLostEvents() {
                    await status.overflowed()
                    metrics.overflowed()
                    log.warning("events arrived faster than they could be queued: rescanning the inbox")
                    await scans.request()
                }
                await status.setWatches(watcher.watches)
            }
        }
        // ticks of at most a second, so a pace shortened by the watch limit applies at once
        let rescanLoop = Task {
            var last = RFC3339Clock.now()
            while !Task.isCancelled {
                let every = rescanPace.value
                try? await Task.sleep(for: .seconds(every > 0 ? min(every, 1) : 1))
                let now = RFC3339Clock.now()
                if !Task.isCancelled, every > 0, now - last >= every {
                    last = now
                    await scans.request()
                }
            }
        }

        // the worker pool; the group body also serves signals
        // the window rolls with the clock even when nothing arrives
        let summaryLoop = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if !Task.isCancelled { await summary.writeNow() }
            }
        }
        let pool = WorkerPool(queue: queue, settings: settings, processor: processor, status: status, summary: summary, metrics: metrics, log: log)
        await sink.setOutcomeHandler { s, outcome in await pool.finished(s, outcome) }
        // our own disk refusing writes: degraded, said once, retried until it passes
        await sink.setFaultHandler { [log] message in
            await status.writeFault(message, at: RFC3339Clock.now())
            metrics.writeFault(message != nil)
            if let message {
                log.warning("cannot write: \(message); nothing of the batch was kept, its files stay in the inbox and are retried (1 s, doubling to 60 s)")
            } else {
                log.notice("writes succeed again: the waiting files are being committed")
                // anything a fault kept out of the pipeline is found now, not at the next periodic rescan
                await scans.request()
            }
            await writeStatus()
        }
        await withTaskGroup(of: Void.self) { group in
            var workers = config.resolvedWorkers
            for id in 0..<workers { group.addTask { await pool.work(id: id) } }
            for await signal in controls {
                if signal == .hangup {
                    notify.send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
                    do {
                        let fresh = try reload()
                        settings.replace(.init(maxFileBytes: fresh.maxFileBytes, filter: FileFilter(include: fresh.include, exclude: fresh.exclude)))
                        await queue.setCapacity(fresh.queueCapacity)
                        let wanted = fresh.resolvedWorkers
                        if wanted > workers {
                            for id in workers..<wanted { group.addTask { await pool.work(id: id) } }
                        }
                        await pool.setActive(wanted)
                        workers = wanted
                        await status.setWorkers(wanted)
                        log.info("configuration reloaded: \(wanted) worker(s), include \(fresh.include), max_file_bytes \(fresh.maxFileBytes)")
                    } catch {
                        log.error("configuration not reloaded, keeping the old one: \(error)")
                        await status.error("reload failed: \(error)", at: RFC3339Clock.now())
                    }
                    await writeStatus()
                    notify.send("READY=1")
                    continue
                }
                log.notice("stopping: finishing files in flight; waiting files stay in the inbox")
                notify.send("STOPPING=1")
                await status.setState("draining")
                await writeStatus()
                break
            }
            rescanLoop.cancel()
            await scans.stop()
            if !polling { watcher.stop() }
            eventLoop.cancel()
            await queue.close()
            // a full disk must not hold up the exit: what is not durable stays in the inbox
            await sink.stop()
            await group.waitForAll()
            await sink.flush()
        }
        statusLoop.cancel()
        watchdogLoop?.cancel()
        summaryLoop.cancel()
        await summary.writeNow()
        await status.setState("stopped")
        await writeStatus()
        let c = await status.counters
        log.info("stopped: \(c.filesIngested) file(s) ingested, \(c.articles) article(s), \(c.duplicates) duplicate(s), \(c.failed) failed")
        return 0
    }

    private var metricsFolder: [String] {
        config.metricsPath.map { [($0 as NSString).deletingLastPathComponent] } ?? []
    }

    private func prepareFolders() throws {
        for dir in [config.stateDirURL.path, config.inboxPath, config.recordsPath, config.archivePath, config.failedPath,
                    (config.statusPath as NSString).deletingLastPathComponent, (config.ledgerPath as NSString).deletingLastPathComponent]
                    + metricsFolder {
            do {
                try DurableFiles.makeDirectories(dir)
            } catch {
                throw StartupFailure(description: "cannot create \(dir): \(error.localizedDescription)")
            }
        }
    }

    static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}

/// Makes the per-file processor with the limits in force when the file is taken.
struct ProcessorFactory: Sendable {
    let ingestor: Ingestor
    let sink: RecordSink
    let inbox: String
    let failedDir: String

    func make(_ limits: FileProcessor.Limits) -> FileProcessor {
        FileProcessor(ingestor: ingestor, sink: sink, inbox: inbox, failedDir: failedDir, limits: limits)
    }
}
