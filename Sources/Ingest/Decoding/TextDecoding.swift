/// Bytes → text. Detection looks only at the bytes (BOM, NUL and control bytes, UTF-8
/// validity, then strict GB18030 and Big5-HKSCS conversions), never at the file name.
public enum TextDecoding {
    /// Share of C0 control bytes (other than tab, LF, VT, FF, CR, SUB, ESC) above which a
    /// file is binary rather than text with a stray control character.
    static let maxControlShare = 0.01

    public static func decode(_ bytes: [UInt8]) throws(IngestFailure) -> DecodedText {
        if bytes.isEmpty { throw IngestFailure(.empty, "the file has no bytes") }

        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes, bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes, bigEndian: true) }

        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let body = hasBOM ? Array(bytes[3...]) : bytes
        try refuseBinary(body)

        if let text = String(validating: body, as: UTF8.self) {
            return try nonEmpty(DecodedText(text: text, encoding: hasBOM ? .utf8BOM : .utf8, warnings: []))
        }
        for cut in 1...3 where body.count > cut && isTruncatedUTF8Tail(body.suffix(cut)) {
            if let text = String(validating: body.dropLast(cut), as: UTF8.self) {
                return try nonEmpty(DecodedText(
                    text: text, encoding: hasBOM ? .utf8BOM : .utf8,
                    warnings: ["the last \(cut) byte(s) were an incomplete UTF-8 character (file truncated?) and were dropped"]))
            }
        }
        let firstBad = firstInvalidUTF8Offset(body)
        if hasBOM {
            throw IngestFailure(.undecodable, "starts with a UTF-8 byte-order mark but byte \(firstBad) is not valid UTF-8")
        }
        // GB18030 first: Big5 bytes read as GB18030 give kana and Cyrillic (Big5's commonest
        // characters sit where GB puts those), so a Big5 page fails the CJK check there. A page
        // that declares Big5 (`<meta charset="big5">`) is tried as Big5 first; the
        // declaration is only a hint, the CJK check still decides.
        let declaresBig5 = declaredCharset(body[...]).map { $0.hasBytePrefix("big5") || $0 == "cp950" } ?? false
        let order: [IconvText.Charset] = declaresBig5 ? [.cp950, .big5HKSCS, .gb18030] : [.gb18030, .cp950, .big5HKSCS]
        for charset in order {
            if let text = IconvText.decode(body, from: charset), looksLikeCJKText(text) {
                let encoding: DecodedText.Encoding = charset == .gb18030 ? .gb18030 : charset == .cp950 ? .big5 : .big5HKSCS
                return try nonEmpty(DecodedText(text: text, encoding: encoding, warnings: []))
            }
        }
        throw IngestFailure(
            .undecodable,
            "not valid UTF-8 (first bad byte at offset \(firstBad)), GB18030 or Big5; re-save the file as UTF-8")
    }

    /// The charset a page declares in its first 2 KiB (`<meta charset="big5">`,
    /// `content="text/html; charset=gb2312"`), lower-cased; nil when none.
    static func declaredCharset(_ bytes: ArraySlice<UInt8>) -> String? {
        let head = bytes.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        let key = Array("charset=".utf8)
        guard head.count > key.count, let at = (0...(head.count - key.count)).first(where: { head[$0..<($0 + key.count)].elementsEqual(key) }) else {
            return nil
        }
        let value = head[(at + key.count)...].drop { $0 == 0x22 || $0 == 0x27 || $0 == 0x20 }
            .prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    private static func nonEmpty(_ d: DecodedText) throws(IngestFailure) -> DecodedText {
        if d.text.unicodeScalars.allSatisfy({ Scalars.isSpace($0) || Scalars.isInvisible($0) || $0 == "\n" || $0 == "\r" }) {
            throw IngestFailure(.empty, "the file holds only white space")
        }
        return d
    }

    private static func refuseBinary(_ bytes: [UInt8]) throws(IngestFailure) {
        var controls = 0
        for (i, b) in bytes.enumerated() {
            if b == 0 { throw IngestFailure(.binary, "NUL byte at offset \(i): this is not a text file") }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0B, b != 0x0C, b != 0x0D, b != 0x1A, b != 0x1B { controls += 1 }
        }
        if controls > 8, Double(controls) > Double(bytes.count) * maxControlShare {
            throw IngestFailure(.binary, "\(controls) control bytes in \(bytes.count): this is not a text file")
        }
    }

    private static func utf16(_ bytes: [UInt8], bigEndian: Bool) throws(IngestFailure) -> DecodedText {
        let payload = bytes.count - 2
        var units = [UInt16]()
        units.reserveCapacity(payload / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var warnings: [String] = []
        if payload % 2 == 1 { warnings.append("odd byte count for UTF-16: the last byte was dropped (file truncated?)") }
        if units.contains(0) { throw IngestFailure(.binary, "UTF-16 text containing NUL characters: this is not a text file") }
        if let last = units.last, (0xD800...0xDBFF).contains(last) {
            units.removeLast()
            warnings.append("a UTF-16 surrogate pair was cut off at the end (file truncated?) and was dropped")
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw IngestFailure(.undecodable, "has a UTF-16 byte-order mark but holds unpaired surrogates")
        }
        return try nonEmpty(DecodedText(text: text, encoding: bigEndian ? .utf16BE : .utf16LE, warnings: warnings))
    }

    /// Offset of the first byte that does not continue a valid UTF-8 sequence (for the message).
    private static func firstInvalidUTF8Offset(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0
            if n == 0 || i + n > b.count || String(validating: b[i..<(i + n)], as: UTF8.self) == nil { return i }
            i += n
        }
        return i
    }

    /// True when the bytes are the start of one multi-byte UTF-8 sequence that ends too early.
    private static func isTruncatedUTF8Tail(_ tail: ArraySlice<UInt8>) -> Bool {
        guard let lead = tail.first else { return false }
        let need: Int
        if lead & 0xE0 == 0xC0 { need = 2 } else if lead & 0xF0 == 0xE0 { need = 3 } else if lead & 0xF8 == 0xF0 { need = 4 } else { return false }
        return tail.count < need && tail.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// A GB18030 or Big5 decoding is accepted only if it yields mostly Han and ordinary text,
    /// since both map almost any high byte pair to some character.
    static func looksLikeCJKText(_ text: String) -> Bool {
        var han = 0, odd = 0, total = 0
        for s in text.unicodeScalars {
            total += 1
            if Scalars.isHan(s) { han += 1 } else if s.value >= 0x80, !(0x3000...0x303F).contains(s.value), !(0xFF00...0xFFEF).contains(s.value), !(0x2000...0x206F).contains(s.value), !(0x2460...0x25FF).contains(s.value), s.value != 0xB7 { odd += 1 }
        }
        return han > 0 && odd * 10 < max(han, 1)
    }
}
