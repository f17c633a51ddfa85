/// Pages extracted from PDFs with a space after every character (`全 市 经 济 运 行`): every
/// line then looks like spaced-out headline type, and nothing parses. Recognised by the
/// page as a whole — most Han characters followed by exactly one space — and repaired by
/// dropping single spaces; a run of two or more, which was a real gap, becomes one space.
enum LetterSpacing {
    /// The repaired text, or nil when the page is not letter-spaced.
    static func repaired(_ text: String) -> String? {
        // the first few thousand characters tell: extraction spaces a whole page or nothing
        var han = 0, spacedHan = 0
        var it = text.unicodeScalars.prefix(6000).makeIterator()
        var prev: Unicode.Scalar?
        var prevPrev: Unicode.Scalar?
        while let c = it.next() {
            if let p = prev, let pp = prevPrev, p == " ", Scalars.isHan(pp), c != " ", c != "\n", c != "\r" { spacedHan += 1 }
            if Scalars.isHan(c) { han += 1 }
            (prevPrev, prev) = (prev, c)
        }
        guard han >= 20, spacedHan * 2 >= han else { return nil }

        var out = String.UnicodeScalarView()
        var spaces = 0
        var atLineStart = true
        for c in text.unicodeScalars {
            if c == " " {
                spaces += 1
                continue
            }
            if c == "\n" || c == "\r" {
                atLineStart = true
                spaces = 0
                out.append(c)
                continue
            }
            if spaces > 0 {
                // leading spaces are indentation; inside a line only a wide gap was a space
                if atLineStart || spaces >= 2 { out.append(" ") }
                spaces = 0
            }
            atLineStart = false
            out.append(c)
        }
        return String(out)
    }
}
