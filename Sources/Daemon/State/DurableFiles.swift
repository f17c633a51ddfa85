import Foundation
import Glibc
import Synchronization

/// File operations with the ordering guarantees the exactly-once protocol relies on:
/// data is fsync'd before it is referred to, and renames are followed by an fsync of the
/// folders involved.
enum DurableFiles {
    /// Makes temporary names unique when two tasks replace the same file at once.
    private static let tempCounter = Atomic<Int>(0)

    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    static func check(_ result: Int32, _ op: String, _ path: String) throws {
        if result < 0 { throw Failure(operation: op, path: path, code: errno) }
    }

    static func makeDirectories(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: path, code: errno)
            }
            offset += n
        }
    }

    /// Appends and fsyncs; returns the file's size before the append.
    @discardableResult
    static func append(_ bytes: [UInt8], to path: String) throws -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        try check(fd, "open", path)
        defer { close(fd) }
        var st = stat()
        try check(fstat(fd, &st), "stat", path)
        try bytes.withUnsafeBytes { (raw) throws in try writeAll(fd, raw, path: path) }
        // fdatasync flushes the data and the new size, which is all an append changes
        try check(fdatasync(fd), "fdatasync", path)
        return Int(st.st_size)
    }

    /// Replaces `path` atomically: temporary file in the same folder, fsync, rename, fsync
    /// of the folder. Readers see the old or the new document, never a partial one.
    static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = dir + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())-\(tempCounter.add(1, ordering: .relaxed).newValue)"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        try check(fd, "open", tmp)
        do {
            try bytes.withUnsafeBytes { (raw) throws in try writeAll(fd, raw, path: tmp) }
            try check(fsync(fd), "fsync", tmp)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        close(fd)
        try check(rename(tmp, path), "rename", path)
        syncDirectory(dir)
    }

    /// Moves a file (or a symlink itself) to `target`, creating folders; never overwrites:
    /// an existing target gets `.1`, `.2`… before its extension. Returns the path used.
    /// Across filesystems it copies, fsyncs, then unlinks the source.
    static func move(_ source: String, to target: String) throws -> String {
        let dir = (target as NSString).deletingLastPathComponent
        try makeDirectories(dir)
        var candidate = target
        var n = 0
        while FileManager.default.fileExists(atPath: candidate) || isSymlink(candidate) {
            n += 1
            let ext = (target as NSString).pathExtension
            let base = ext.isEmpty ? target : String(target.dropLast(ext.count + 1))
            candidate = ext.isEmpty ? "\(base).\(n)" : "\(base).\(n).\(ext)"
        }
        if rename(source, candidate) == 0 { return candidate }
        guard errno == EXDEV else { throw Failure(operation: "rename", path: source, code: errno) }
        try FileManager.default.copyItem(atPath: source, toPath: candidate)
        let fd = open(candidate, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
        syncDirectory(dir)
        try check(unlink(source), "unlink", source)
        return candidate
    }

    static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }
}
