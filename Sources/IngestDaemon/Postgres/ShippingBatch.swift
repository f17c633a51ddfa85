import Foundation
import Ingest

/// Committed records read from one records file, ready for one shipping transaction: the
/// sources they come from, and each record's JSON line with its text segmented for the
/// fleet's tsvector. Read on the shipper's low-priority thread.
struct ShippingBatch: Sendable {
    struct Source: Sendable {
        let sha256: String
        let path: String
        let ingestedAt: String
        let records: Int
    }

    let file: String
    let from: Int
    /// The position after the last whole line taken.
    let to: Int
    let lines: Int
    let sources: [Source]
    /// `[{"sha256","path","ingested_at","records"}, …]`
    let sourcesJSON: String
    /// `[{"r": <record line>, "t": title words, "s": deck words, "a": authors, "b": body,
    ///    "i": inner words of all four}, …]`
    let recordsJSON: String

    /// Up to `maxRecords` lines of `dir/file` from `from`, not past `limit` (the committed
    /// length). Nil when there is nothing whole to read.
    static func read(dir: String, file: String, from: Int, limit: Int, maxRecords: Int, segmenter: SearchSegmenter) throws -> ShippingBatch? {
        guard limit > from, let handle = FileHandle(forReadingAtPath: dir + "/" + file) else { return nil }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(from))
        // about 3 KB a record; a longer line makes the read grow until it ends
        var want = min(limit - from, max(64 * 1024, maxRecords * 4096))
        var bytes = [UInt8](try handle.read(upToCount: want) ?? Data())
        while bytes.firstIndex(of: 0x0A) == nil, bytes.count < limit - from {
            want = min(limit - from - bytes.count, max(want, 1 << 20))
            let more = try handle.read(upToCount: want) ?? Data()
            if more.isEmpty { break }
            bytes += more
        }
        var recordsOut = RecordJSON.Writer(), sourcesOut = RecordJSON.Writer()
        recordsOut.raw("[")
        sourcesOut.raw("[")
        var sources: [Source] = []
        var lines = 0, start = 0, consumed = 0
        let decoder = JSONDecoder()
        while lines < maxRecords, let nl = bytes[start...].firstIndex(of: 0x0A) {
            let line = bytes[start..<nl]
            consumed = nl + 1
            start = nl + 1
            // recovery leaves only whole committed lines; one that does not decode is skipped
            guard let r = try? decoder.decode(ArticleRecord.self, from: Data(line)) else { continue }
            lines += 1
            if recordsOut.bytes.count > 1 { recordsOut.raw(",") }
            recordsOut.raw("{")
            recordsOut.key("r")
            recordsOut.bytes.append(contentsOf: Self.jsonbSafe(line))
            let title = segmenter.wordsAndInnerWords(r.title)
            let deck = segmenter.wordsAndInnerWords(r.subtitle ?? "")
            let authors = segmenter.wordsAndInnerWords(r.authors.joined(separator: " "))
            let body = segmenter.wordsAndInnerWords(r.paragraphs.joined(separator: "\n"))
            recordsOut.key("t", first: false); recordsOut.string(title.words)
            recordsOut.key("s", first: false); recordsOut.string(deck.words)
            recordsOut.key("a", first: false); recordsOut.string(authors.words)
            recordsOut.key("b", first: false); recordsOut.string(body.words)
            recordsOut.key("i", first: false)
            recordsOut.string([title.inner, deck.inner, authors.inner, body.inner].filter { !$0.isEmpty }.joined(separator: " "))
            recordsOut.raw("}")
            if let last = sources.last, last.sha256 == r.source.sha256 { continue }
            sources.append(Source(sha256: r.source.sha256, path: r.source.path, ingestedAt: r.ingestedAt, records: r.source.count))
            if sourcesOut.bytes.count > 1 { sourcesOut.raw(",") }
            sourcesOut.raw("{")
            sourcesOut.key("sha256"); sourcesOut.string(r.source.sha256)
            sourcesOut.key("path", first: false); sourcesOut.string(r.source.path)
            sourcesOut.key("ingested_at", first: false); sourcesOut.string(r.ingestedAt)
            sourcesOut.key("records", first: false); sourcesOut.int(r.source.count)
            sourcesOut.raw("}")
        }
        guard consumed > 0 else { return nil }
        recordsOut.raw("]")
        sourcesOut.raw("]")
        return ShippingBatch(file: file, from: from, to: from + consumed, lines: lines, sources: sources,
                             sourcesJSON: String(decoding: sourcesOut.bytes, as: UTF8.self),
                             recordsJSON: String(decoding: recordsOut.bytes, as: UTF8.self))
    }

    /// jsonb refuses `\u0000`; a record line is otherwise valid JSON as it stands.
    static func jsonbSafe(_ line: ArraySlice<UInt8>) -> [UInt8] {
        let nul: [UInt8] = Array(#"\u0000"#.utf8)
        var out = [UInt8](line)
        var i = 0
        while i + nul.count <= out.count {
            if out[i] == 0x5C, out[i + 1] == 0x75, Array(out[i..<(i + nul.count)]) == nul {
                out.replaceSubrange(i..<(i + nul.count), with: Array(#"\ufffd"#.utf8))
            }
            i += out[i] == 0x5C ? 2 : 1  // an escaped character is skipped whole (so `\\u0000` stays)
        }
        return out
    }

    /// Newlines in `dir/file` between two positions: records not yet shipped.
    static func countLines(dir: String, file: String, from: Int, to: Int) -> Int {
        guard to > from, let handle = FileHandle(forReadingAtPath: dir + "/" + file) else { return 0 }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(from))) != nil else { return 0 }
        var left = to - from, n = 0
        while left > 0, let chunk = try? handle.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty {
            n += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            left -= chunk.count
        }
        return n
    }
}
