import Foundation
import Ingest
import Prometheus
import Synchronization

/// The daemon's figures in the Prometheus text format, for node_exporter's textfile
/// collector: written whole to a temporary file and renamed, so the collector never reads
/// half a file. Every series exists from the start (at 0), so rates and alerts work
/// before the first failure of a kind.
final class IngestMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let ingested: Counter
    private let duplicates: Counter
    private let failedAny: Counter
    private let failed: [IngestFailure.Code: Counter]
    private let articles: Counter
    private let bytes: Counter
    private let overflows: Counter
    private let pending: Gauge
    private let inFlight: Gauge
    private let lastIngest: Gauge
    private let writeFaults: Counter
    private let writeFailing: Gauge
    private let processing: DurationHistogram
    /// The fleet shipper's series (only when `[postgres]` is configured).
    private let pgUp: Gauge?
    private let pgLag: Gauge?
    private let pgShipped: Counter?
    private let pgDuplicates: Counter?
    private let lastShipped = Mutex((records: 0, duplicates: 0))

    /// From a few milliseconds (a page) to seconds (a file near `max_file_bytes`).
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .seconds(2.5), .seconds(5), .seconds(10)]

    init(version: String, postgres: Bool = false) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "ingestd", metricName: metric, unitName: unit, helpText: help)
        }
        let files = name("files", "total", "Files taken from the inbox, by outcome.")
        ingested = registry.makeCounter(descriptor: files, labels: [("outcome", "ingested")])
        duplicates = registry.makeCounter(descriptor: files, labels: [("outcome", "duplicate")])
        failedAny = registry.makeCounter(descriptor: files, labels: [("outcome", "failed")])
        let failedName = name("files_failed", "total", "Files moved to failed/, by reason (the error of their .error.json).")
        let codes: [IngestFailure.Code] = [.empty, .tooLarge, .tooComplex, .undecodable, .binary, .notRegularFile, .noArticles, .io]
        var byReason: [IngestFailure.Code: Counter] = [:]
        for code in codes { byReason[code] = registry.makeCounter(descriptor: failedName, labels: [("reason", code.rawValue)]) }
        failed = byReason
        articles = registry.makeCounter(descriptor: name("articles", "total", "Article records written."))
        bytes = registry.makeCounter(descriptor: name("bytes", "total", "Bytes of source files ingested or recognised as duplicates."))
        overflows = registry.makeCounter(descriptor: name("inotify_overflows", "total", "Times the inotify queue overflowed and the inbox was rescanned."))
        pending = registry.makeGauge(descriptor: name("queue_pending", "", "Files queued in memory, waiting for a worker."))
        inFlight = registry.makeGauge(descriptor: name("files_in_flight", "", "Files being parsed or committed."))
        lastIngest = registry.makeGauge(descriptor: name("last_ingest_timestamp", "seconds", "Unix time of the last file ingested with records."))
        processing = registry.makeDurationHistogram(
            descriptor: name("file_processing", "seconds", "Time from a worker taking a file to its end state (records durable and source archived, or failed)."),
            buckets: Self.buckets)
        writeFaults = registry.makeCounter(descriptor: name("write_faults", "total", "Times our own storage started refusing writes (disk full, I/O error); batches are retried."))
        writeFailing = registry.makeGauge(descriptor: name("write_failing", "", "1 while records, ledger or archive writes fail and are being retried."))
        if postgres {
            pgUp = registry.makeGauge(descriptor: name("postgres_up", "", "1 while the fleet database is reachable and accepts what is shipped."))
            pgLag = registry.makeGauge(descriptor: name("postgres_lag", "records", "Records committed here and not yet in the fleet database."))
            pgShipped = registry.makeCounter(descriptor: name("postgres_shipped_records", "total", "Records sent to the fleet database."))
            pgDuplicates = registry.makeCounter(descriptor: name("postgres_duplicate_sources", "total", "Sources another host had already sent (stored as duplicates)."))
        } else {
            (pgUp, pgLag, pgShipped, pgDuplicates) = (nil, nil, nil, nil)
        }
        registry.makeGauge(descriptor: name("build_info", "", "Version of the running daemon."), labels: [("version", version)]).set(to: 1.0)
    }

    func ingested(articles n: Int, bytes b: Int, took: Duration?, at: Double) {
        ingested.increment()
        articles.increment(by: Int64(n))
        bytes.increment(by: Int64(b))
        lastIngest.set(to: at)
        if let took { processing.record(took) }
    }

    func duplicate(bytes b: Int, took: Duration?) {
        duplicates.increment()
        bytes.increment(by: Int64(b))
        if let took { processing.record(took) }
    }

    func failed(_ code: IngestFailure.Code, took: Duration?) {
        failedAny.increment()
        failed[code]?.increment()
        if let took { processing.record(took) }
    }

    func overflowed() { overflows.increment() }

    func writeFault(_ failing: Bool) {
        if failing { writeFaults.increment() }
        writeFailing.set(to: failing ? 1 : 0)
    }

    func postgres(_ p: StatusDocument.Postgres) {
        pgUp?.set(to: p.state == "connected" ? 1 : 0)
        pgLag?.set(to: Double(p.lagRecords))
        // status carries totals since the start; the counters take the growth
        let growth = lastShipped.withLock { last in
            defer { last = (p.shippedRecords, p.duplicateSources) }
            return (max(0, p.shippedRecords - last.records), max(0, p.duplicateSources - last.duplicates))
        }
        if growth.0 > 0 { pgShipped?.increment(by: Int64(growth.0)) }
        if growth.1 > 0 { pgDuplicates?.increment(by: Int64(growth.1)) }
    }

    func render(queue: (pending: Int, inFlight: Int)) -> [UInt8] {
        pending.set(to: Double(queue.pending))
        inFlight.set(to: Double(queue.inFlight))
        var out: [UInt8] = []
        registry.emit(into: &out)
        return out
    }
}
