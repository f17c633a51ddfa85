import Foundation
import Glibc
import Logging
import Synchronization

/// Writes `status.json` (temporary file, rename) so that it can say "disk full" when the
/// disk is full: a small reserve file beside it is given up when a write fails for lack of
/// space, and taken again once writes succeed. A failure is logged once, not every tick.
final class StatusWriter: Sendable {
    let path: String
    let reservePath: String
    let log: Logger
    static let reserveBytes = 256 * 1024
    private let lastProblem = Mutex<String?>(nil)

    init(path: String, log: Logger) {
        self.path = path
        self.reservePath = (path as NSString).deletingLastPathComponent + "/.status.reserve"
        self.log = log
    }

    func write(_ doc: StatusDocument) {
        let bytes: [UInt8]
        do { bytes = try StatusFile.encode(doc) } catch { return }
        do {
            try DurableFiles.replace(path, with: bytes)
        } catch where DurableFiles.isWriteFault(error) && unlink(reservePath) == 0 {
            // the reserve makes room for this one document
            do {
                try DurableFiles.replace(path, with: bytes)
            } catch {
                report("cannot write the status file: \(error)")
                return
            }
        } catch {
            report("cannot write the status file: \(error)")
            return
        }
        report(nil)
        takeReserve()
    }

    private func report(_ problem: String?) {
        let previous = lastProblem.withLock { last -> String? in
            defer { last = problem }
            return last
        }
        if let problem, problem != previous {
            log.warning("\(problem)")
        } else if problem == nil, let previous {
            log.notice("the status file is written again (after: \(previous))")
        }
    }

    /// Allocates the reserve when it is missing; quietly does nothing while space is short.
    private func takeReserve() {
        guard access(reservePath, F_OK) != 0 else { return }
        let fd = open(reservePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = posix_fallocate(fd, 0, off_t(Self.reserveBytes)) == 0
        close(fd)
        if !ok { unlink(reservePath) }
    }
}
