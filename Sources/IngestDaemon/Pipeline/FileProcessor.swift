import Foundation
import Glibc
import Ingest

/// One file from the inbox to its end state: archived with records, archived as a
/// duplicate, or moved to `failed/` beside an `.error.json` a person can act on.
struct FileProcessor: Sendable {
    let ingestor: Ingestor
    let sink: RecordSink
    let inbox: String
    let failedDir: String
    let attempts: ParseAttempts
    let limits: Limits

    struct Limits: Sendable, Equatable {
        var maxFileBytes: Int
        var filter: FileFilter
    }

    enum Result: Sendable {
        /// Parsed (or recognised as a duplicate): handed to the sink, which reports the end.
        case submitted(RecordSink.Submission)
        case failed(relativePath: String, failure: IngestFailure)
        /// The file belongs in `failed/`, but our own storage refused the move or its report:
        /// it is back in the inbox and is taken again later.
        case deferred(relativePath: String, reason: String)
        /// The path vanished or no longer matches the filter: nothing to do.
        case skipped
    }

    func relative(_ path: String) -> String {
        path.hasPrefix(inbox + "/") ? String(path.dropFirst(inbox.count + 1)) : (path as NSString).lastPathComponent
    }

    func process(_ path: String, now: @Sendable () -> Double) async -> Result {
        let rel = relative(path)
        guard limits.filter.accepts(name: (path as NSString).lastPathComponent) else { return .skipped }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return .skipped }
            if e == ELOOP { return fail(path, rel, IngestFailure(.notRegularFile, "a symbolic link: links are never followed; copy the file itself into the inbox"), at: now()) }
            return fail(path, rel, IngestFailure(.io, "cannot open: \(String(cString: strerror(e)))"), at: now())
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            return fail(path, rel, IngestFailure(.io, "cannot stat: \(String(cString: strerror(e)))"), at: now())
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return fail(path, rel, IngestFailure(.notRegularFile, "not a regular file (a FIFO, socket or device): only plain files are read"), at: now())
        }
        let size = Int(st.st_size)
        if size > limits.maxFileBytes {
            close(fd)
            return fail(path, rel, IngestFailure(.tooLarge, "\(size) bytes is over the limit of \(limits.maxFileBytes) (max_file_bytes); split the file or raise the limit"), at: now())
        }
        let bytes: [UInt8]
        do {
            bytes = try Self.readAll(fd, expected: size)
            close(fd)
        } catch {
            close(fd)
            return fail(path, rel, IngestFailure(.io, "read failed: \(error)"), at: now())
        }
        let sha = Ingestor.sha256Hex(bytes)
        let at = now()
        let stamp = RFC3339.format(epochSeconds: at)
        let day = RFC3339.utcDay(epochSeconds: at)
        if await sink.isCommitted(sha: sha) {
            return .submitted(.init(sha: sha, relativePath: rel, sourcePath: path, lines: [], recordCount: 0, bytes: bytes.count,
                                    day: day, at: stamp, records: []))
        }
        let previous = attempts.interrupted(sha)
        if previous >= attempts.limit {
            attempts.end(sha)
            return fail(path, rel, IngestFailure(.tooComplex, "the daemon stopped \(previous) times while parsing this file (a crash or a kill); it is set aside so that it cannot stop the daemon again — report it with the file"), at: at)
        }
        attempts.begin(sha, after: previous)
        let result: Ingestor.Result
        do {
            defer { attempts.end(sha) }
            result = try ingestor.ingest(bytes, path: rel, ingestedAt: at, sha256: sha)
        } catch {
            return fail(path, rel, error, at: at)
        }
        var lines: [UInt8] = []
        for r in result.records { lines += RecordJSON.line(r) }
        return .submitted(.init(sha: sha, relativePath: rel, sourcePath: path, lines: lines, recordCount: result.records.count,
                                bytes: bytes.count, day: day, at: stamp, records: result.records))
    }

    /// Writes `<relpath>.error.json` into `failed/`, then moves the source beside it.
    private func fail(_ path: String, _ rel: String, _ failure: IngestFailure, at: Double) -> Result {
        let target: String
        do {
            target = try DurableFiles.move(path, to: failedDir + "/" + rel)
        } catch where DurableFiles.isWriteFault(error) {
            return .deferred(relativePath: rel, reason: BatchWriter.describe(error, "failed/"))
        } catch {
            return .failed(relativePath: rel, failure: IngestFailure(.io, "\(failure) — and the file could not be moved to failed/: \(error)"))
        }
        do {
            let report = ErrorReport(file: rel, error: failure.code.rawValue, detail: failure.detail, at: RFC3339.format(epochSeconds: at))
            try DurableFiles.replace(target + ".error.json", with: Array(report.json().utf8))
            DurableFiles.syncDirectory((path as NSString).deletingLastPathComponent)
        } catch where DurableFiles.isWriteFault(error) {
            // no source in failed/ without its reason: back to the inbox until writes succeed
            if (try? DurableFiles.move(target, to: path)) != nil {
                return .deferred(relativePath: rel, reason: BatchWriter.describe(error, "failed/ report"))
            }
            return .failed(relativePath: rel, failure: IngestFailure(failure.code, "\(failure.detail) (the .error.json report could not be written: \(error))"))
        } catch {
            return .failed(relativePath: rel, failure: IngestFailure(failure.code, "\(failure.detail) (the .error.json report could not be written: \(error))"))
        }
        return .failed(relativePath: rel, failure: failure)
    }

    static func readAll(_ fd: Int32, expected: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(expected, 0))
        var filled = 0
        while true {
            if filled == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: max(4096, out.count / 2))) }
            let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw DurableFiles.Failure(operation: "read", path: "", code: errno)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }
}

/// `failed/<relpath>.error.json`: `{"file", "error", "detail", "at"}`.
struct ErrorReport: Codable, Sendable {
    let file: String
    let error: String
    let detail: String
    let at: String

    func json() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
