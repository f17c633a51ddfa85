import Foundation
import Glibc
import Synchronization

/// File operations with the ordering guarantees the exactly-once protocol relies on:
/// data is fsync'd before it is referred to, and renames are followed by an fsync of the
/// folders involved.
package enum DurableFiles {
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

    package static func makeDirectories(_ path: String) throws {
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

    /// What an append did besides appending: the torn tail it cut first, if any.
    struct Appended {
        /// The file's length before the append (what a later failure truncates back to).
        var sizeBefore: Int
        /// Bytes of a torn last line (no newline) cut before appending.
        var tornBytesCut: Int
    }

    /// Appends whole lines and fsyncs them; all or nothing. The append starts on a line
    /// boundary: a torn last line (which no commit ever refers to: a batch commits only
    /// after its newline is durable) is cut first. On any write or fsync error the file is
    /// truncated back to its length before the append and the error is thrown: an fsync
    /// error means the page cache may have dropped the data, so nothing of the batch may
    /// be kept or acknowledged.
    @discardableResult
    static func append(_ bytes: [UInt8], to path: String) throws -> Appended {
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        try check(fd, "open", path)
        defer { close(fd) }
        var st = stat()
        try check(fstat(fd, &st), "stat", path)
        var before = Int(st.st_size)
        var torn = 0
        if before > 0, let boundary = try lastLineEnd(fd, size: before, path: path), boundary < before {
            try check(ftruncate(fd, off_t(boundary)), "truncate", path)
            torn = before - boundary
            before = boundary
        }
        do {
            try bytes.withUnsafeBytes { (raw) throws in try writeAll(fd, raw, path: path) }
            // fdatasync flushes the data and the new size, which is all an append changes
            try check(fdatasync(fd), "fdatasync", path)
        } catch {
            _ = ftruncate(fd, off_t(before))
            _ = fdatasync(fd)
            throw error
        }
        return Appended(sizeBefore: before, tornBytesCut: torn)
    }

    /// Cuts a file back to `size` (undoing an append of a batch that did not commit).
    static func truncate(_ path: String, to size: Int) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        try check(fd, "open", path)
        defer { close(fd) }
        try check(ftruncate(fd, off_t(size)), "truncate", path)
        try check(fdatasync(fd), "fdatasync", path)
    }

    /// The offset just after the file's last newline (0 when it has none); nil when the
    /// file ends in one.
    static func lastLineEnd(_ fd: Int32, size: Int, path: String) throws -> Int? {
        var last: UInt8 = 0
        guard pread(fd, &last, 1, off_t(size - 1)) == 1 else { throw Failure(operation: "read", path: path, code: errno) }
        if last == 0x0A { return nil }
        var end = size
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while end > 0 {
            let start = max(0, end - chunk.count)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, end - start, off_t(start)) }
            guard n == end - start else { throw Failure(operation: "read", path: path, code: errno) }
            if let nl = chunk[..<n].lastIndex(of: 0x0A) { return start + nl + 1 }
            end = start
        }
        return 0
    }

    /// A write fault of our own storage (not of a source): ENOSPC, EDQUOT, EIO, EROFS….
    static func isWriteFault(_ error: Error) -> Bool {
        let faults: Set<Int32> = [ENOSPC, EDQUOT, EIO, EROFS, EFBIG, ENOMEM]
        if let f = error as? Failure { return faults.contains(f.code) }
        // Foundation's copy (a move across filesystems) wraps the POSIX error
        var e: NSError? = error as NSError
        while let current = e {
            if current.domain == NSPOSIXErrorDomain { return faults.contains(Int32(current.code)) }
            e = current.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        return false
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
        do {
            try FileManager.default.copyItem(atPath: source, toPath: candidate)
        } catch {
            // a copy cut short (a full disk) leaves nothing behind; the source stays
            unlink(candidate)
            throw error
        }
        let fd = open(candidate, O_RDONLY | O_CLOEXEC)
        guard fd >= 0, fsync(fd) == 0 else {
            let e = errno
            if fd >= 0 { close(fd) }
            unlink(candidate)
            throw Failure(operation: "fsync", path: candidate, code: e)
        }
        close(fd)
        syncDirectory(dir)
        try check(unlink(source), "unlink", source)
        return candidate
    }

    static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }
}
