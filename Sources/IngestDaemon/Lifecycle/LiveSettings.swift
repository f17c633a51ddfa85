import Synchronization

/// Settings that SIGHUP may change while files are in flight: read by every worker before
/// each file, replaced whole by a reload.
final class LiveSettings: Sendable {
    private let value: Mutex<FileProcessor.Limits>

    init(_ limits: FileProcessor.Limits) { value = Mutex(limits) }

    var limits: FileProcessor.Limits { value.withLock { $0 } }

    func replace(_ limits: FileProcessor.Limits) { value.withLock { $0 = limits } }
}
