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

    init(text: String, number: Int, gap: Int) {
        self.text = text
        self.number = number
        self.gap = gap
        self.length = text.scalarCount
    }

    init(text: String, number: Int, gap: Int, length: Int) {
        self.text = text
        self.number = number
        self.gap = gap
        self.length = length
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
                current.append(contentsOf: UnsafeBufferPointer(rebasing: b[(end - len)..<end]))
                scalars += 1
            }
            if !current.isEmpty { endLine() }
        }
        return lines
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
