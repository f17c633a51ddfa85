/// Sentence boundaries in Chinese running text: after 。!?!?… (and a closing quote or
/// bracket that follows one), or `.`/`!`/`?` followed by a space or the end.
enum Sentences {
    static func split(_ text: String) -> [String] {
        let u = Array(text.unicodeScalars)
        var out: [String] = []
        var start = 0
        var i = 0
        while i < u.count {
            let s = u[i]
            var isEnd = false
            switch s {
            case "。", "\u{FF01}", "\u{FF1F}", "｡": isEnd = true
            case "…": isEnd = i + 1 >= u.count || u[i + 1] != "…"
            case ".", "!", "?": isEnd = i + 1 >= u.count || u[i + 1] == " " || !Scalars.isASCIIAlnum(u[i + 1]) && !Scalars.isDigit(u[i + 1]) && u[i + 1] != "."
            default: break
            }
            if s == "." && i > 0 && Scalars.isDigit(u[i - 1]) && i + 1 < u.count && Scalars.isDigit(u[i + 1]) { isEnd = false }
            i += 1
            if isEnd {
                while i < u.count, Scalars.isCloser(u[i]) { i += 1 }
                appendTrimmed(&out, u[start..<i])
                start = i
            }
        }
        if start < u.count { appendTrimmed(&out, u[start...]) }
        return out
    }

    private static func appendTrimmed(_ out: inout [String], _ slice: ArraySlice<Unicode.Scalar>) {
        let s = String(String.UnicodeScalarView(slice)).trimmedSpaces()
        if !s.isEmpty { out.append(s) }
    }

    /// The first sentence without its closing full stop: the title of an untitled photo.
    static func firstWithoutStop(_ text: String) -> String {
        guard var first = split(text).first else { return text }
        while let last = first.unicodeScalars.last, last == "。" || last == "." || last == "｡" {
            first = String(first.unicodeScalars.dropLast())
        }
        return first
    }
}
