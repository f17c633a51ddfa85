/// Traditional → simplified Han characters, one for one (the table is generated from
/// Unihan's kSimplifiedVariant by `scripts/gen-han-variants.py`). Pages printed in
/// traditional characters use the same byline grammar and the same words as simplified
/// ones; the parser's markers and the word dictionary are simplified, so such pages are
/// read through this fold and reported in their own characters.
enum HanVariants {
    static let base = 0x3400
    static let end = 0xA000
    /// Share of Han characters with a distinct simplified form above which a page counts as
    /// traditional: about a quarter in traditional running text, well under 1% when a
    /// simplified page quotes a name or a title in traditional form.
    static let traditionalShare = 0.05
    static let minimumTraditional = 8

    /// The simplified form of each BMP Han scalar from `base`, or 0 when it has none.
    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: end - base)
        for pair in pairs.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let s = Array(pair.unicodeScalars)
            guard s.count == 2, Int(s[0].value) >= base, Int(s[0].value) < end else { continue }
            t[Int(s[0].value) - base] = UInt16(s[1].value)
        }
        return t
    }()

    /// The simplified form of a UTF-16 unit, or the unit itself.
    @inline(__always)
    static func simplified(_ u: UInt16, _ table: UnsafeBufferPointer<UInt16>) -> UInt16 {
        let i = Int(u) - base
        guard i >= 0, i < end - base else { return u }
        let s = table[i]
        return s == 0 ? u : s
    }

    /// Whether the text is printed in traditional characters (see `traditionalShare`).
    static func isTraditional(_ text: String) -> Bool {
        var han = 0, traditional = 0
        var t = text
        table.withUnsafeBufferPointer { table in
            t.withUTF8 { b in
                var i = 0
                let n = b.count
                while i < n {
                    let c = b[i]
                    guard c >= 0xE3, c <= 0xE9, i + 2 < n else { i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2; continue }
                    let v = Int(c & 0x0F) << 12 | Int(b[i + 1] & 0x3F) << 6 | Int(b[i + 2] & 0x3F)
                    i += 3
                    guard v >= base, v < end else { continue }
                    han += 1
                    if table[v - base] != 0 { traditional += 1 }
                }
            }
        }
        return traditional >= minimumTraditional && Double(traditional) >= traditionalShare * Double(han)
    }

    /// The text with every traditional character in its simplified form (one for one, so
    /// scalar offsets carry over).
    static func simplify(_ text: String) -> String {
        table.withUnsafeBufferPointer { t in
            String(String.UnicodeScalarView(text.unicodeScalars.map { s in
                guard s.value < 0x10000 else { return s }
                return Unicode.Scalar(UInt32(simplified(UInt16(s.value), t))) ?? s
            }))
        }
    }
}
