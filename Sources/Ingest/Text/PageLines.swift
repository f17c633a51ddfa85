/// One non-blank line of a page after white-space normalisation.
struct PageLine: Sendable, Equatable {
    /// The text: trimmed, invisible characters removed, every run of white space one space.
    let text: String
    /// 1-based line number in the source (after CR/CRLF are read as line ends).
    let number: Int
    /// Blank lines between this line and the previous non-blank one. Pages separate items
    /// with wider gaps than paragraphs, which the splitter uses as a hint.
    let gap: Int
    /// Length in Unicode scalars.
    let length: Int
    /// Set off from the line above by a wider gap than the page leaves between paragraphs
    /// (see `PageLines.markSetOff`); two blank lines or more until the page says otherwise.
    var setOff: Bool
    /// What a crawl note cut from the end of this line stated (`CrawlAnnotations`); such a
    /// line is a head line of its item.
    var annotation: PageMetadata?
    /// The line is nothing but a crawl note; what it states (`CrawlAnnotations`).
    var crawlNote: PageMetadata?

    init(text: String, number: Int, gap: Int) {
        self.init(text: text, number: number, gap: gap, length: text.scalarCount)
    }

    init(text: String, number: Int, gap: Int, length: Int) {
        self.text = text
        self.number = number
        self.gap = gap
        self.length = length
        self.setOff = gap >= 2
    }
}

enum PageLines {
    /// Splits text into normalised non-blank lines. LF, CRLF, CR, U+2028 and U+2029 end a
    /// line; U+3000, NBSP and the other Unicode spaces become one ASCII space; zero-width
    /// characters and stray BOMs disappear. Punctuation is left exactly as printed.
    /// Works on the UTF-8 bytes: building strings scalar by scalar was the slowest step.
    static func split(_ text: String) -> [PageLine] {
        var lines: [PageLine] = []
        var source = text
        source.withUTF8 { b in
            var current: [UInt8] = []
            current.reserveCapacity(1024)
            var scalars = 0
            var pendingSpace = false
            var number = 1
            var gap = 0
            var i = 0
            let n = b.count

            func endLine() {
                if current.isEmpty {
                    gap += 1
                } else {
                    lines.append(PageLine(text: String(decoding: current, as: UTF8.self), number: number, gap: gap, length: scalars))
                    gap = 0
                    current.removeAll(keepingCapacity: true)
                    scalars = 0
                }
                pendingSpace = false
                number += 1
            }

            while i < n {
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    switch c {
                    case 0x0A: endLine()
                    case 0x0D:
                        if i < n, b[i] == 0x0A { i += 1 }
                        endLine()
                    case 0x20, 0x09, 0x0B, 0x0C:
                        if !current.isEmpty { pendingSpace = true }
                    default:
                        if pendingSpace { current.append(0x20); scalars += 1; pendingSpace = false }
                        current.append(c)
                        scalars += 1
                    }
                    continue
                }
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                let end = min(i + len, n)
                let value = scalarValue(b, i, len)
                i = end
                if value == 0x2028 || value == 0x2029 || value == 0x85 { endLine(); continue }
                if let s = Unicode.Scalar(value) {
                    if Scalars.isInvisible(s) { continue }
                    if Scalars.isSpace(s) {
                        if !current.isEmpty { pendingSpace = true }
                        continue
                    }
                }
                if pendingSpace { current.append(0x20); scalars += 1; pendingSpace = false }
                // byte by byte: the generic append(contentsOf:) of a slice cost more than the loop
                var k = end - len
                while k < end { current.append(b[k]); k += 1 }
                scalars += 1
            }
            if !current.isEmpty { endLine() }
        }
        lines = HardWraps.rejoin(lines)
        markSetOff(&lines)
        CrawlAnnotations.cut(&lines)
        return lines
    }

    /// Pages separate items with wider gaps than paragraphs, but what "wider" means differs:
    /// one page puts no blank line between paragraphs and one between items, another one and
    /// three, a double-spaced one three and five. The page's own most common gap is its
    /// paragraph gap (the smaller on a tie); a line is set off when its gap exceeds it.
    static func markSetOff(_ lines: inout [PageLine]) {
        guard lines.count > 2 else { return }
        var counts: [Int: Int] = [:]
        for line in lines.dropFirst() { counts[line.gap, default: 0] += 1 }
        guard let paragraphGap = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return }
        for i in lines.indices { lines[i].setOff = lines[i].gap > paragraphGap }
    }

    @inline(__always)
    private static func scalarValue(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int) -> UInt32 {
        guard i + len <= b.count else { return 0xFFFD }
        switch len {
        case 2: return UInt32(b[i] & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
        case 3: return UInt32(b[i] & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
        default: return UInt32(b[i] & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
        }
    }
}
