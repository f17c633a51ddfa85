/// Records as JSON Lines, written by hand: keys in SPEC order (`id` first), Chinese kept as
/// UTF-8, every SPEC field present (`null` when absent). Foundation's JSONEncoder took a
/// tenth of the pipeline and orders keys by hash unless told to sort them.
public enum RecordJSON {
    /// One record as a line of UTF-8 JSON ending in `\n`.
    public static func line(_ r: ArticleRecord) -> [UInt8] {
        var w = Writer()
        w.raw("{")
        w.key("id"); w.string(r.id)
        w.key("source", first: false)
        w.raw("{")
        w.key("path"); w.string(r.source.path)
        w.key("sha256", first: false); w.string(r.source.sha256)
        w.key("bytes", first: false); w.int(r.source.bytes)
        w.key("encoding", first: false); w.string(r.source.encoding)
        w.key("index", first: false); w.int(r.source.index)
        w.key("count", first: false); w.int(r.source.count)
        if let warnings = r.source.warnings { w.key("warnings", first: false); w.strings(warnings) }
        w.raw("}")
        w.key("ingested_at", first: false); w.string(r.ingestedAt)
        w.key("paper", first: false); w.optional(r.paper)
        w.key("date", first: false); w.optional(r.date)
        w.key("edition", first: false); w.optional(r.edition)
        w.key("section", first: false); w.optional(r.section)
        if let issue = r.issue { w.key("issue", first: false); w.string(issue) }
        w.key("title", first: false); w.string(r.title)
        w.key("subtitle", first: false); w.optional(r.subtitle)
        if let kicker = r.kicker { w.key("kicker", first: false); w.string(kicker) }
        w.key("authors", first: false); w.strings(r.authors)
        w.key("author_note", first: false); w.optional(r.authorNote)
        w.key("kind", first: false); w.string(r.kind.rawValue)
        w.key("paragraphs", first: false); w.strings(r.paragraphs)
        w.key("chars", first: false); w.int(r.chars)
        w.key("keywords", first: false); w.strings(r.keywords)
        w.key("summary", first: false); w.string(r.summary)
        w.raw("}\n")
        return w.bytes
    }

    /// A minimal JSON writer for the daemon's own documents (ledger lines, status, summary).
    public struct Writer {
        public var bytes: [UInt8] = []

        public init() { bytes.reserveCapacity(8192) }

        public mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        public mutating func key(_ k: StaticString, first: Bool = true) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            k.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
        }

        public mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

        public mutating func optional(_ s: String?) {
            if let s { string(s) } else { raw("null") }
        }

        public mutating func strings(_ list: [String]) {
            bytes.append(UInt8(ascii: "["))
            for (i, s) in list.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                string(s)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t` or `\u00XX`,
        /// U+2028/U+2029 escaped so the line is also valid JavaScript. Runs of bytes that
        /// need no escape are copied in one piece.
        public mutating func string(_ s: String) {
            bytes.append(UInt8(ascii: "\""))
            var copy = s
            copy.withUTF8 { u in
                var runStart = 0
                var i = 0
                let n = u.count
                func flush(_ end: Int) {
                    if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<end])) }
                }
                while i < n {
                    let c = u[i]
                    var escape: String?
                    var width = 1
                    switch c {
                    case UInt8(ascii: "\""): escape = "\\\""
                    case UInt8(ascii: "\\"): escape = "\\\\"
                    case 0x0A: escape = "\\n"
                    case 0x0D: escape = "\\r"
                    case 0x09: escape = "\\t"
                    case 0x00..<0x20, 0x7F: escape = "\\u00" + String(c, radix: 16).leftPadded(2)
                    case 0xE2 where i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                        escape = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                        width = 3
                    default: break
                    }
                    if let escape {
                        flush(i)
                        bytes.append(contentsOf: escape.utf8)
                        i += width
                        runStart = i
                    } else {
                        i += 1
                    }
                }
                flush(n)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
