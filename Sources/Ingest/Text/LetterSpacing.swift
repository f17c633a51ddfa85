/// Pages extracted from PDFs with a space after every character (`全 市 经 济 运 行`): every
/// line then looks like spaced-out headline type, and nothing parses. Recognised by the
/// page as a whole — most Han characters followed by exactly one space — and repaired by
/// dropping single spaces; a run of two or more, which was a real gap, becomes one space.
enum LetterSpacing {
    /// The repaired text, or nil when the page is not letter-spaced.
    static func repaired(_ text: String) -> String? {
        // the first 16 KB tell (extraction spaces a whole page or nothing); read as UTF-8
        // bytes, where a CJK ideograph is three bytes led by E4–E9
        let counted: (han: Int, spaced: Int)? = text.utf8.withContiguousStorageIfAvailable { all in
            let bytes = UnsafeBufferPointer(rebasing: all.prefix(16_384))
            var han = 0, spaced = 0
            var k = 0
            while k + 2 < bytes.count {
                if bytes[k] >= 0xE4, bytes[k] <= 0xE9 {
                    han += 1
                    if k + 4 < bytes.count, bytes[k + 3] == 0x20, bytes[k + 4] != 0x20, bytes[k + 4] != 0x0A, bytes[k + 4] != 0x0D { spaced += 1 }
                    k += 3
                } else {
                    k += 1
                }
            }
            return (han, spaced)
        }
        guard let (han, spacedHan) = counted else { return nil }
        guard han >= 20 else { return nil }
        guard spacedHan * 2 >= han else { return nil }

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
