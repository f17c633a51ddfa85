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
        let processor = ProcessorFactory(ingestor: Ingestor(lexicon: lexicon), sink: sink, inbox: config.inboxPath, failedDir: config.failedPath,
                                         attempts: ParseAttempts(dir: parsingDir))
        let shipper = try openShipper(lexicon)
        let metrics = IngestMetrics(version: DaemonVersion.current, postgres: shipper != nil)
        let summary = SummaryStore(documentPath: config.summaryPath, windowHours: config.summaryWindowHours, now: RFC3339Clock.now(), log: log)
        let statusService = StatusService(board: status, queue: queue, metrics: metrics, config: config, notify: notify, log: log)
        let index = openIndex(lexicon)
        // the log last: status.json already shows what a log line announces
        let derived: [any DaemonService & EventSubscriber] = (index.map { [$0] } ?? []) + (shipper.map { [$0] } ?? [])
        let events = EventBus([status, summary, metrics, statusService] + derived + [EventLog(log: log)])
        await shipper?.setReporter { await events.emit(.postgres($0)) }
        let scans = ScanCoordinator(inbox: config.inboxPath, queue: queue, settings: settings, settle: config.settleSeconds, events: events)
        let pace = RescanPace(config.rescanIntervalSeconds)
        let pool = WorkerPool(queue: queue, settings: settings, processor: processor, events: events)
        let workers = WorkerPoolService(pool: pool, queue: queue, workers: config.resolvedWorkers)
        await sink.setOutcomeHandler { s, outcome in await pool.finished(s, outcome) }
        await sink.setDurableHandler { ends in await events.emit(.recordsDurable(ends)) }
        // our own disk refusing writes: degraded, said once, retried until it passes; once it
        // passes, a scan finds anything the fault kept out of the pipeline
        await sink.setFaultHandler { message in
            await events.emit(.writeFault(message, at: RFC3339Clock.now()))
            if message == nil { await scans.request() }
        }
        let watchdog = WatchdogService(notify: notify, log: log) {
            .init(completed: await queue.completed, waiting: await queue.pending, inFlight: await queue.inFlightCount,
                  writeFault: await sink.fault != nil)
        }
        let services = ServiceGroup(services: [
            statusService,
            SummaryService(store: summary),
        ] + derived + [
            sink,
            workers,
            ScanService(scans: scans, pace: pace),
            WatcherService(config: config, queue: queue, scans: scans, settings: settings, pace: pace, events: events),
            watchdog,
        ])
        try await services.start()
        await events.emit(.state("running"))
        notify.send("READY=1")
        log.info("ingestd \(DaemonVersion.current) running: \(config.resolvedWorkers) worker(s), state in \(config.stateDirURL.path)")

        for await signal in controls {
            guard signal == .hangup else { break }
            notify.send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
            do {
                let fresh = try reload()
                settings.replace(.init(maxFileBytes: fresh.maxFileBytes, filter: FileFilter(include: fresh.include, exclude: fresh.exclude)))
                await queue.setCapacity(fresh.queueCapacity)
                workers.resize(to: fresh.resolvedWorkers)
                await events.emit(.workers(fresh.resolvedWorkers))
                log.info("configuration reloaded: \(fresh.resolvedWorkers) worker(s), include \(fresh.include), max_file_bytes \(fresh.maxFileBytes)")
                if (fresh.postgresURL, fresh.resolvedHostID, fresh.postgresBatchRecords) != (config.postgresURL, config.resolvedHostID, config.postgresBatchRecords) {
                    log.notice("the [postgres] settings changed: they take effect at the next start (the shipper keeps its connection and host id until then)")
                }
            } catch {
                await events.emit(.problem("configuration not reloaded, keeping the old one: \(error)", level: .error, at: RFC3339Clock.now()))
            }
            await statusService.writeNow()
            notify.send("READY=1")
        }
        log.notice("stopping: finishing files in flight; waiting files stay in the inbox")
        notify.send("STOPPING=1")
        await events.emit(.state("draining"))
        let deadline = config.drainDeadlineSeconds
        if await !services.shutdown(within: .seconds(deadline)) {
            // what is not durable stays in the inbox: the next start takes it again
            let left = await queue.inFlightCount
            log.warning("stopping: the drain deadline (\(deadline) s) passed with \(left) file(s) in flight; they stay in the inbox for the next start")
            await statusService.shutdown()
        }
        let c = await status.counters
        log.info("stopped: \(c.filesIngested) file(s) ingested, \(c.articles) article(s), \(c.duplicates) duplicate(s), \(c.failed) failed")
        return 0
    }

    /// The search index service, or nil when none is configured or it cannot be opened
    /// (said once; ingesting goes on without it).
    private func openIndex(_ lexicon: Lexicon) -> IndexService? {
        guard let path = config.indexPath else { return nil }
        do {
            let index = try SearchIndex(path: path, recordsDir: config.recordsPath, segmenter: SearchSegmenter(lexicon: lexicon))
            return IndexService(index: index, log: log)
        } catch {
            log.warning("search index \(path) cannot be opened (\(error)); ingesting without it — `ingestd reindex` rebuilds it from records/")
            return nil
        }
    }

    /// The fleet shipper, when `[postgres] url` is set; a URL that cannot be read stops the
    /// start (a fleet host that silently ships nothing would be worse).
    private func openShipper(_ lexicon: Lexicon) throws -> PostgresShipper? {
        guard !config.postgresURL.isEmpty else { return nil }
        let target: PostgresTarget
        do {
            target = try PostgresTarget(url: config.postgresURL)
        } catch {
            throw StartupFailure(description: "\(error)")
        }
        return PostgresShipper(target: target, hostID: config.resolvedHostID, recordsDir: config.recordsPath,
                               stateDir: config.stateDirURL.path, segmenter: SearchSegmenter(lexicon: lexicon),
                               batchRecords: config.postgresBatchRecords, log: log)
    }

    /// Markers of parses in progress (`ParseAttempts`).
    private var parsingDir: String { config.stateDirURL.path + "/.parsing" }

    private var metricsFolder: [String] {
        config.metricsPath.map { [($0 as NSString).deletingLastPathComponent] } ?? []
    }

    private func prepareFolders() throws {
        for dir in [config.stateDirURL.path, parsingDir, config.inboxPath, config.recordsPath, config.archivePath, config.failedPath,
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
    let attempts: ParseAttempts

    func make(_ limits: FileProcessor.Limits) -> FileProcessor {
        FileProcessor(ingestor: ingestor, sink: sink, inbox: inbox, failedDir: failedDir, attempts: attempts, limits: limits)
    }
}
