/// E-paper pages saved as HTML (`*.htm`, `*.html` are taken by default) turned into the
/// plain page text the parser reads: tags become line breaks where they break lines,
/// scripts, styles and the browser title go, entities are decoded, and the Founder
/// `<!--enpproperty …-->` comment stays as its one-line trailer. Recognised by content,
/// never by name, like the encoding. Not a full HTML parser: it needs no tree, only where
/// text runs and where lines break, and it never fails — malformed markup degrades to text.
enum HTMLText {
    /// The converted text, or nil when `text` is not an HTML document.
    static func extract(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { b in
            guard looksLikeHTML(b) else { return nil }
            return convert(b)
        }
    }

    /// Starts with markup (after white space) and opens a common HTML element early on.
    static func looksLikeHTML(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "<") else { return false }
        let head = String(decoding: b[i..<min(b.count, i + 4096)].map(lowerASCII), as: UTF8.self)
        let openers = ["<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ", "<table", "<br", "<h1", "<title"]
        return openers.contains { head.hasSubstring($0) }
    }

    /// Elements whose content is never page text.
    static let dropped: Set<String> = ["script", "style", "title", "noscript", "template", "svg", "select"]
    /// Elements that break the line; headings also set themselves off with a blank line.
    static let breaking: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "thead", "section", "article", "header",
        "footer", "nav", "aside", "main", "blockquote", "dd", "dt", "dl", "hr", "pre", "center", "figure", "figcaption",
        "address", "caption", "form", "body", "html",
    ]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    static func convert(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count / 2)
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if let next = skipMarkup(b, at: i, into: &out) {
                    i = next
                    continue
                }
                out.append(c)
                i += 1
            } else if c == UInt8(ascii: "&") {
                i = decodeEntity(b, at: i, into: &out)
            } else if c == 0x0A || c == 0x0D || c == 0x09 {
                // source line ends are white space in HTML; only tags break lines
                out.append(0x20)
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Handles the markup at `i` (comment, declaration, tag, dropped element) and returns
    /// where text resumes; nil when the `<` is just a character.
    static func skipMarkup(_ b: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout [UInt8]) -> Int? {
        let n = b.count
        guard i + 1 < n else { return nil }
        if starts(b, at: i, with: "<!--") {
            let end = find(b, "-->", from: i + 4) ?? n
            let inner = Array(b[(i + 4)..<end])
            if starts(inner, with: "enpproperty") {
                // the Founder metadata comment: keep it as one trailer line, its tags as spaces
                out.append(0x0A)
                out += Array("<!--".utf8)
                out += withoutTags(inner)
                out += Array("-->".utf8)
                out.append(0x0A)
            }
            return min(n, end + 3)
        }
        let first = b[i + 1]
        if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") {
            return (find(b, ">", from: i + 2) ?? (n - 1)) + 1
        }
        let closing = first == UInt8(ascii: "/")
        var j = closing ? i + 2 : i + 1
        let nameStart = j
        while j < n, isNameByte(b[j]) { j += 1 }
        guard j > nameStart, isLetter(b[nameStart]) else { return nil }
        let name = String(decoding: b[nameStart..<j].map(lowerASCII), as: UTF8.self)
        let tagEnd = tagClose(b, from: j)
        if !closing, dropped.contains(name) {
            // skip to the matching close tag (or the end, if there is none)
            var k = tagEnd
            while let lt = find(b, "</", from: k) {
                var e = lt + 2
                while e < n, isNameByte(b[e]) { e += 1 }
                if String(decoding: b[(lt + 2)..<e].map(lowerASCII), as: UTF8.self) == name { return tagClose(b, from: e) }
                k = lt + 2
            }
            return n
        }
        if headings.contains(name) {
            out += [0x0A, 0x0A]
        } else if breaking.contains(name) {
            out.append(0x0A)
        }
        return tagEnd
    }

    /// Index after the `>` that closes a tag, skipping quoted attribute values.
    static func tagClose(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var quote: UInt8 = 0
        var k = from
        while k < b.count {
            let c = b[k]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return k + 1
            }
            k += 1
        }
        return b.count
    }

    static func withoutTags(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inTag = false
        for c in bytes {
            if c == UInt8(ascii: "<") { inTag = true; out.append(0x20) } else if c == UInt8(ascii: ">") { inTag = false; out.append(0x20) } else if !inTag { out.append(c == 0x0A || c == 0x0D ? 0x20 : c) }
        }
        return out
    }

    /// Decodes `&name;`, `&#NNN;` or `&#xHH;` at `i`; a lone `&` stays as it is.
    static func decodeEntity(_ b: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout [UInt8]) -> Int {
        var j = i + 1
        while j < b.count, j - i <= 10, b[j] != UInt8(ascii: ";"), isNameByte(b[j]) || b[j] == UInt8(ascii: "#") { j += 1 }
        guard j < b.count, b[j] == UInt8(ascii: ";"), j > i + 1 else {
            out.append(b[i])
            return i + 1
        }
        let body = String(decoding: b[(i + 1)..<j], as: UTF8.self)
        var value: UInt32?
        if body.hasBytePrefix("#x") || body.hasBytePrefix("#X") {
            value = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasBytePrefix("#") {
            value = UInt32(body.dropFirst())
        } else {
            value = entities[body]
        }
        guard let v = value, let scalar = Unicode.Scalar(v), v != 0 else {
            out.append(b[i])
            return i + 1
        }
        out += Array(String(Character(scalar)).utf8)
        return j + 1
    }

    static let entities: [String: UInt32] = [
        "nbsp": 0xA0, "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "mdash": 0x2014, "ndash": 0x2013,
        "hellip": 0x2026, "ldquo": 0x201C, "rdquo": 0x201D, "lsquo": 0x2018, "rsquo": 0x2019, "middot": 0xB7, "bull": 0x2022,
        "times": 0xD7, "divide": 0xF7, "copy": 0xA9, "reg": 0xAE, "laquo": 0xAB, "raquo": 0xBB, "deg": 0xB0, "yen": 0xA5,
        "emsp": 0x2003, "ensp": 0x2002, "thinsp": 0x2009, "shy": 0xAD, "zwj": 0x200D, "zwnj": 0x200C, "permil": 0x2030,
        "plusmn": 0xB1, "sup2": 0xB2, "sup3": 0xB3, "frac12": 0xBD, "rarr": 0x2192, "larr": 0x2190,
    ]

    @inline(__always) static func lowerASCII(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool { isLetter(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") }

    static func starts(_ b: UnsafeBufferPointer<UInt8>, at i: Int, with s: String) -> Bool {
        b[i...].starts(with: s.utf8)
    }

    /// `b` begins, after white space and without regard to ASCII case, with `s`.
    static func starts(_ b: [UInt8], with s: String) -> Bool {
        guard let first = b.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D }) else { return false }
        let lowered: [UInt8] = b[first...].prefix(s.utf8.count).map(lowerASCII)
        return lowered.elementsEqual(s.utf8)
    }

    /// Index of the next `s` at or after `from`, matched without regard to ASCII case.
    static func find(_ b: UnsafeBufferPointer<UInt8>, _ s: String, from: Int) -> Int? {
        let needle = Array(s.utf8)
        guard !needle.isEmpty, from <= b.count - needle.count else { return nil }
        var k = from
        while k <= b.count - needle.count {
            if lowerASCII(b[k]) == needle[0] {
                var m = 1
                while m < needle.count, lowerASCII(b[k + m]) == needle[m] { m += 1 }
                if m == needle.count { return k }
            }
            k += 1
        }
        return nil
    }
}
