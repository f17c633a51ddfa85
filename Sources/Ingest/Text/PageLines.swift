/// One non-blank line of a page after white-space normalisation.
struct PageLine: Sendable, Equatable {
    /// The text: trimmed, invisible characters removed, every run of white space one space.
    let text: String
    /// 1-based line number in the source (after CR/CRLF are read as line ends).
    let number: Int
    /// Blank lines between this line and the previous non-blank one. Pages separate items
    /// with wider gaps than paragraphs, which the splitter uses as a hint.
    let gap: Int
    let length: Int

    init(text: String, number: Int, gap: Int) {
        self.text = text
        self.number = number
        self.gap = gap
        self.length = text.unicodeScalars.count
    }
}

enum PageLines {
    /// Splits text into normalised non-blank lines. LF, CRLF, CR, U+2028 and U+2029 end a
    /// line; U+3000, NBSP and the other Unicode spaces become one ASCII space; zero-width
    /// characters and stray BOMs disappear. Punctuation is left exactly as printed.
    static func split(_ text: String) -> [PageLine] {
        var lines: [PageLine] = []
        var current = String.UnicodeScalarView()
        var pendingSpace = false
        var number = 1
        var gap = 0
        var previousWasCR = false

        func endLine() {
            if current.isEmpty {
                gap += 1
            } else {
                lines.append(PageLine(text: String(current), number: number, gap: lines.isEmpty ? gap : gap))
                gap = 0
            }
            current = String.UnicodeScalarView()
            pendingSpace = false
            number += 1
        }

        for s in text.unicodeScalars {
            if s == "\n" {
                if previousWasCR { previousWasCR = false; continue }
                endLine()
                continue
            }
            previousWasCR = false
            if s == "\r" || s == "\u{2028}" || s == "\u{2029}" || s == "\u{85}" {
                previousWasCR = s == "\r"
                endLine()
                continue
            }
            if Scalars.isInvisible(s) { continue }
            if Scalars.isSpace(s) {
                if !current.isEmpty { pendingSpace = true }
                continue
            }
            if pendingSpace { current.append(" "); pendingSpace = false }
            current.append(s)
        }
        if !current.isEmpty { endLine() }
        return lines
    }
}
