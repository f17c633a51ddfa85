import Foundation
import Glibc
import Ingest

/// Exactly-once bookkeeping: an append-only journal with one line per ingested source,
/// `{"sha256":…,"path":…,"records":N,"file":…,"at":…}`, written after the source's records.
///
/// Protocol (one batch at a time, by the single `RecordSink`):
///  1. append the batch's record lines to `records/<day>.jsonl`; fsync it;
///  2. append one ledger line per source; fsync the ledger — the commit point;
///  3. rename the sources into `archive/`; fsync the folders.
/// Recovery after a crash at any instant (`recover()` at start-up):
///  - a torn last ledger line is cut off (its batch is not committed);
///  - record lines at the tail of a records file whose source is not in the ledger (a
///    batch that died between 1 and 2, or a half-written line) are truncated away, so the
///    still-present source is ingested again and its records appear once;
///  - a source still in the inbox whose SHA-256 is in the ledger died between 2 and 3: it
///    is archived without new records (the worker sees it as already committed);
///  - a torn fragment that sits before committed lines (left by a failed append of an
///    older version, with the next batch appended after it) is cut out exactly, in the
///    ledger and in the part of each records file not checked at an earlier start
///    (`records/.checked` keeps the checked length of each file).
/// A failed append never leaves bytes behind (`DurableFiles.append` cuts the file back),
/// and the next append starts on a line boundary, so write faults do not tear lines.
/// Record ids start with the first 16 hex digits of the source's SHA-256, which is how a
/// record line is tied to its ledger line.
struct CommitLedger {
    let path: String
    let recordsDir: String
    /// 64-bit prefixes of committed SHA-256s (the same prefix as record ids).
    private(set) var committed = Set<UInt64>()
    private(set) var entries = 0

    init(path: String, recordsDir: String) {
        self.path = path
        self.recordsDir = recordsDir
    }

    static func key(_ sha: String) -> UInt64? {
        UInt64(sha.prefix(16), radix: 16)
    }

    func contains(sha: String) -> Bool {
        Self.key(sha).map { committed.contains($0) } ?? false
    }

    mutating func insert(sha: String) {
        if let k = Self.key(sha) { committed.insert(k) }
        entries += 1
    }

    struct Recovery: Sendable {
        var ledgerBytesCut = 0
        var recordLinesRemoved = 0
        var filesRepaired: [String] = []
        /// Torn fragments cut from before committed lines, and their bytes.
        var tornFragments = 0
        var tornBytes = 0
    }

    var checkedPath: String { recordsDir + "/.checked" }

    /// `records/.checked`: `name<TAB>length` per records file, the part known whole.
    func readChecked() -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: checkedPath) else { return [:] }
        var out: [String: Int] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let n = Int(parts[1]) { out[String(parts[0])] = n }
        }
        return out
    }

    /// Loads the ledger and repairs the records files (see the protocol above).
    mutating func recover() throws -> Recovery {
        var report = Recovery()
        let ledgerTorn = try TornLines.repair(path, from: 0, opener: TornLines.ledgerOpener)
        report.tornFragments += ledgerTorn.fragments
        report.tornBytes += ledgerTorn.bytes
        if let data = FileManager.default.contents(atPath: path) {
            var bytes = [UInt8](data)
            if let lastNewline = bytes.lastIndex(of: 0x0A), lastNewline != bytes.count - 1 {
                report.ledgerBytesCut = bytes.count - lastNewline - 1
                bytes.removeSubrange((lastNewline + 1)...)
                try cut(path, to: lastNewline + 1)
            } else if !bytes.isEmpty, bytes.lastIndex(of: 0x0A) == nil {
                report.ledgerBytesCut = bytes.count
                bytes.removeAll()
                try cut(path, to: 0)
            }
            var lineStart = 0
            for i in bytes.indices where bytes[i] == 0x0A {
                if let sha = Self.field("sha256", in: bytes[lineStart..<i]), let k = Self.key(sha) {
                    committed.insert(k)
                    entries += 1
                }
                lineStart = i + 1
            }
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: recordsDir)) ?? []
        let checked = readChecked()
        var nowChecked = ""
        for name in files.sorted() where name.hasSuffix(".jsonl") {
            let file = recordsDir + "/" + name
            let removed = try repairTail(file)
            if removed > 0 {
                report.recordLinesRemoved += removed
                report.filesRepaired.append(name)
            }
            let size = Self.size(file)
            let from = checked[name].map { $0 <= size ? $0 : 0 } ?? 0
            let torn = try TornLines.repair(file, from: from, opener: TornLines.recordOpener)
            if torn.fragments > 0 {
                report.tornFragments += torn.fragments
                report.tornBytes += torn.bytes
                if !report.filesRepaired.contains(name) { report.filesRepaired.append(name) }
            }
            nowChecked += "\(name)\t\(Self.size(file))\n"
        }
        if !files.isEmpty { try? DurableFiles.replace(checkedPath, with: Array(nowChecked.utf8), mode: 0o640) }
        return report
    }

    /// Cuts uncommitted or torn record lines off the end of one records file. Reads a
    /// window at the end, growing it only while every line in it is uncommitted.
    private func repairTail(_ file: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: file) else { return 0 }
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        guard size > 0 else { return 0 }
        var window = min(size, 1 << 16)
        while true {
            let start = size - window
            try handle.seek(toOffset: UInt64(start))
            let chunk = [UInt8](try handle.read(upToCount: window) ?? Data())
            var keep = size
            var removed = 0
            var pos = chunk.count
            var needMore = false
            if chunk.last != 0x0A {
                // a torn line belongs to a batch that never committed
                if let nl = chunk.lastIndex(of: 0x0A) {
                    pos = nl + 1
                } else if start == 0 {
                    pos = 0
                } else {
                    needMore = true
                }
                keep = start + pos
                removed = 1
            }
            while !needMore, pos > 0 {
                let lineEnd = pos - 1
                let prev = chunk[..<lineEnd].lastIndex(of: 0x0A)
                if prev == nil, start > 0 { needMore = true; break }
                let lineStart = prev.map { $0 + 1 } ?? 0
                if let id = Self.field("id", in: chunk[lineStart..<lineEnd]), let k = Self.key(id), committed.contains(k) { break }
                keep = start + lineStart
                removed += 1
                pos = lineStart
            }
            if needMore, window < size {
                window = min(size, window * 2)
                continue
            }
            if keep < size { try cut(file, to: keep) }
            return removed
        }
    }

    static func size(_ file: String) -> Int {
        var st = stat()
        return stat(file, &st) == 0 ? Int(st.st_size) : 0
    }

    private func cut(_ file: String, to size: Int) throws {
        try DurableFiles.check(truncate(file, off_t(size)), "truncate", file)
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// The string value of `"key":"…"` in one JSON line (no escapes in the values read here).
    static func field(_ key: String, in line: ArraySlice<UInt8>) -> String? {
        let pattern = Array("\"\(key)\":\"".utf8)
        guard pattern.count < line.count else { return nil }
        var i = line.startIndex
        let last = line.endIndex - pattern.count
        while i <= last {
            if line[i] == pattern[0], line[i..<(i + pattern.count)].elementsEqual(pattern) {
                let valueStart = i + pattern.count
                guard let close = line[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return String(decoding: line[valueStart..<close], as: UTF8.self)
            }
            i += 1
        }
        return nil
    }

    /// The ledger line for one committed source.
    static func line(sha: String, path: String, records: Int, file: String, at: String) -> [UInt8] {
        var w = RecordJSON.Writer()
        w.raw("{")
        w.key("sha256"); w.string(sha)
        w.key("path", first: false); w.string(path)
        w.key("records", first: false); w.int(records)
        w.key("file", first: false); w.string(file)
        w.key("at", first: false); w.string(at)
        w.raw("}\n")
        return w.bytes
    }
}
