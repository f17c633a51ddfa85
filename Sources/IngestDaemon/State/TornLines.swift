import Foundation
import Glibc

/// Repair of torn fragments that sit before committed lines: what an append cut short by a
/// full disk left behind in versions that did not cut it back, with the next batch appended
/// straight after it (`{"id":"65b7…-0",…<torn>{"id":"c91b…-0",…}`). Every line we write
/// starts with a fixed opener (`{"id":"` for records, `{"sha256":"` for the ledger) that
/// cannot occur inside a JSON string (quotes there are escaped), so the torn bytes are
/// exactly those before the last opener of a line, or a whole line without one.
enum TornLines {
    static let recordOpener = Array("{\"id\":\"".utf8)
    static let ledgerOpener = Array("{\"sha256\":\"".utf8)

    /// Byte ranges of `bytes` (relative to it) to cut; `bytes` holds whole lines.
    static func find(in bytes: UnsafeRawBufferPointer, opener: [UInt8]) -> [Range<Int>] {
        var cuts: [Range<Int>] = []
        var start = 0
        let n = bytes.count
        while start < n {
            let end = (memchr(bytes.baseAddress! + start, 0x0A, n - start).map { UnsafeRawPointer($0) - bytes.baseAddress! } ?? n - 1) + 1
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            var last: Int?
            var from = 0
            while let k = index(of: opener, in: line, from: from) {
                last = k
                from = k + 1
            }
            switch last {
            case nil: cuts.append(start..<end)             // no record begins here: all torn
            case let k? where k > 0: cuts.append(start..<(start + k))
            default: break
            }
            start = end
        }
        return cuts
    }

    /// First offset ≥ `from` where `needle` starts in `hay` (memchr for its first byte).
    static func index(of needle: [UInt8], in hay: UnsafeRawBufferPointer, from: Int) -> Int? {
        var at = from
        while hay.count - at >= needle.count {
            guard let hit = memchr(hay.baseAddress! + at, Int32(needle[0]), hay.count - at - needle.count + 1) else { return nil }
            let k = UnsafeRawPointer(hit) - hay.baseAddress!
            if needle.withUnsafeBytes({ memcmp(hay.baseAddress! + k, $0.baseAddress!, needle.count) }) == 0 { return k }
            at = k + 1
        }
        return nil
    }

    struct Repair: Sendable {
        var fragments = 0
        var bytes = 0
    }

    /// Cuts torn fragments out of `path` from `offset` on (the part not checked before),
    /// rewriting the file through a temporary copy when there is any.
    static func repair(_ path: String, from offset: Int, opener: [UInt8]) throws -> Repair {
        // mapped, not read: a year of records is gigabytes, and only the unchecked part is scanned
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped), offset < data.count else {
            return Repair()
        }
        var cuts: [Range<Int>] = []
        data.withUnsafeBytes { raw in
            // only whole lines are judged: the uncommitted tail was cut by the tail repair
            let region = UnsafeRawBufferPointer(rebasing: raw[offset...])
            cuts = find(in: region, opener: opener).map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        }
        guard !cuts.isEmpty else { return Repair() }
        var kept = Data(capacity: data.count)
        var at = 0
        for c in cuts {
            kept.append(data[at..<c.lowerBound])
            at = c.upperBound
        }
        kept.append(data[at...])
        try DurableFiles.replace(path, with: [UInt8](kept), mode: 0o640)
        return Repair(fragments: cuts.count, bytes: cuts.reduce(0) { $0 + $1.count })
    }
}
