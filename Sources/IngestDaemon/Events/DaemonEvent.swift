import Ingest
import Logging

/// What happens in the daemon, said once. Status, summary, metrics and the log are
/// subscribers (`EventBus`); a new consumer of commits (an index, a shipper) is one more.
enum DaemonEvent: Sendable {
    /// The daemon's state for status.json: starting, running, draining, stopped.
    case state(String)
    case workers(Int)
    /// How the inbox is watched ("inotify" or "poll") and why, when it is not inotify.
    case watchMode(String, note: String?)
    case watches(Int)
    /// Events were lost (kernel queue overflow, or our buffer full): a full scan follows.
    case overflow(String)
    case scanFinished(at: Double)
    /// A worker took a file / let it go (for `working_on` in status.json).
    case working(file: String, at: Double)
    case workDone(file: String)
    /// Records durable, source archived.
    case ingested(Commit)
    /// records/ files committed up to these lengths (file name → bytes and new records),
    /// after each batch.
    case recordsDurable([String: RecordSink.Committed])
    /// The fleet shipper's state, lag and counts, after each change.
    case postgres(StatusDocument.Postgres)
    /// Same content as a file ingested before: archived without records.
    case duplicate(file: String, bytes: Int, took: Duration?, at: Double)
    /// The file is in failed/ (or could not be taken) with a reason.
    case failed(file: String, code: IngestFailure.Code, detail: String, took: Duration?, at: Double)
    /// Never written: the daemon stopped while its storage refused writes; taken at the next start.
    case abandoned(file: String, reason: String)
    /// The move to failed/ met a write fault: left in the inbox and retried; `firstTime` is
    /// false for the repeats of one file.
    case deferred(file: String, reason: String, firstTime: Bool)
    /// Our own storage refuses writes (the message) or accepts them again (nil).
    case writeFault(String?, at: Double)
    /// A daemon-level problem an operator can act on (an unreadable folder, a failed reload):
    /// logged at `level` and kept as status.json's `last_error`.
    case problem(String, level: Logger.Level, at: Double)
    /// A line for the log alone (start-up facts, reloads).
    case said(String, level: Logger.Level)

    struct Commit: Sendable {
        let file: String
        let records: [ArticleRecord]
        let bytes: Int
        let took: Duration?
        /// Commit time, and the ingest time written in the records.
        let at: Double
        let recordsAt: Double
    }
}
