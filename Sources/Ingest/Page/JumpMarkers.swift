/// Continuation markers that send the reader to another page: `(下转第二版)`, `(上接第一版)`,
/// `(转A2版)`, `详见A3版`, `接上版`, and the end mark of a wire story, `(完)`. On their own
/// line they are furniture; at the end or start of a paragraph they are cut off, so the text
/// on either side of a jump joins again.
enum JumpMarkers {
    /// Verbs of a jump, longest first.
    static let verbs = ["下转", "上接", "紧接", "接上", "转下", "详见", "转至", "转", "接", "见", "续"]

    /// `(完)`, `【完】`, `——完——`: the end mark of a wire story.
    static func isEndMark<S: StringProtocol>(_ text: S) -> Bool {
        // every end mark holds 完: most lines are refused by one scalar scan
        guard text.unicodeScalars.contains("完") else { return false }
        let t = String(text).filter { $0 != " " }
        return ["(完)", "（完）", "【完】", "[完]", "——完——", "—完—", "(全文完)", "（全文完）"].contains(t)
    }

    /// The whole of `text` (brackets and a box mark allowed) is a jump marker.
    static func isMarker<S: StringProtocol>(_ text: S) -> Bool {
        if text.utf8.count <= 24, isEndMark(text) { return true }
        // every marker names a page (版); most lines are refused by one byte search
        guard text.utf8.count <= 64, String(text).hasSubstring("版") else { return false }
        var u = Substring(text).unicodeScalars[...]
        while let f = u.first, Scalars.isSpace(f) || Bylines.boxMarks.contains(f) || Bylines.filledMarks.contains(f) { u = u.dropFirst() }
        while let l = u.last, Scalars.isSpace(l) { u = u.dropLast() }
        if let f = u.first, let l = u.last, Scalars.isOpener(f), Scalars.isCloser(l) { u = u.dropFirst().dropLast() }
        guard (3...14).contains(u.count) else { return false }
        let s = String(String.UnicodeScalarView(u)).trimmedSpaces()
        guard let verb = verbs.first(where: { s.hasBytePrefix($0) }) else { return false }
        let rest = Substring(s.dropFirst(verb.count)).drop { $0 == " " }
        if rest == "版" || rest == "上版" || rest == "下版" { return verb != "见" }  // 接上版, 转下版
        guard let after = afterPageReference(rest) else { return false }
        return after.isEmpty || after == "阅读"
    }

    /// `第A3版…`, `7版…`: a page named by its code (up to four letters and numerals, one a
    /// numeral) and `版`; what follows it, or nil when `text` opens with no such reference.
    private static func afterPageReference(_ text: Substring) -> Substring? {
        var rest = text
        if rest.hasBytePrefix("第") { rest = rest.dropFirst() }
        guard let ban = rest.firstIndex(of: "版") else { return nil }
        let code = rest[..<ban].filter { $0 != " " }
        guard (1...4).contains(code.count), code.unicodeScalars.allSatisfy({ Scalars.isASCIIAlnum($0) || isNumeral($0) }),
              code.unicodeScalars.contains(where: isNumeral) else { return nil }
        return rest[rest.index(after: ban)...]
    }

    /// A front-page teaser's pointer to the full story, on its own line or closing the
    /// teaser's paragraph: `——详见7版世界新闻`, `详见2版`, `(详见A3版·要闻)`. Unlike a jump
    /// marker it is part of the teaser's text (the reader is told where to go on).
    static func isTeaserPointer<S: StringProtocol>(_ text: S) -> Bool {
        guard text.utf8.count <= 72, String(text).hasSubstring("版") else { return false }
        var u = Substring(text).unicodeScalars[...]
        while let f = u.first, Scalars.isSpace(f) || Scalars.isDash(f) || Scalars.isOpener(f) { u = u.dropFirst() }
        while let l = u.last, Scalars.isSpace(l) || Scalars.isCloser(l) { u = u.dropLast() }
        let s = String(String.UnicodeScalarView(u))
        guard let verb = ["详见", "请见", "请看", "见"].first(where: { s.hasBytePrefix($0) }) else { return false }
        guard let section = afterPageReference(Substring(s.dropFirst(verb.count)).drop { $0 == " " }) else { return false }
        return section.unicodeScalars.count <= 10 && !section.unicodeScalars.contains(where: Scalars.isSentenceFinal)
    }

    /// The paragraph closes with a teaser's pointer (`…一意谋发展　详见2版`).
    static func endsWithTeaserPointer(_ paragraph: String) -> Bool {
        // runs on every item's last paragraph: only its last characters are looked at
        let tail = paragraph.unicodeScalars.suffix(24)
        guard tail.contains("版"), let jian = tail.lastIndex(of: "见") else { return false }
        if paragraph.unicodeScalars.count <= 24, isTeaserPointer(paragraph) { return true }
        var start = jian
        if start > tail.startIndex, case let before = paragraph.unicodeScalars[paragraph.unicodeScalars.index(before: start)],
           before == "详" || before == "请" {
            start = paragraph.unicodeScalars.index(before: start)
        }
        let pointer = Substring(paragraph.unicodeScalars[start...])
        return pointer.unicodeScalars.count <= 14 && isTeaserPointer(pointer)
    }

    /// A digit (ASCII or full-width) or a Chinese numeral: a page number has one.
    private static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        MastheadLine.digitValue(s) != nil || MastheadLine.chineseDigit(s) != nil || s == "十"
    }

    /// `text` without a bracketed marker at its end or start: `…回暖,(下转第二版)` → `…回暖,`.
    static func strip(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              Scalars.isOpener(first) || Scalars.isCloser(last), text.hasSubstring("版") || text.hasSubstring("完") else { return text }
        var u = Array(text.unicodeScalars)
        if let last = u.last, Scalars.isCloser(last),
           let open = u.lastIndex(where: { Scalars.isOpener($0) }), open > 0, isMarker(String(String.UnicodeScalarView(u[open...]))) {
            u.removeSubrange(open...)
        }
        if let first = u.first, Scalars.isOpener(first),
           let close = u.firstIndex(where: { Scalars.isCloser($0) }), close < u.count - 1, isMarker(String(String.UnicodeScalarView(u[...close]))) {
            u.removeSubrange(...close)
        }
        return u.count == text.unicodeScalars.count ? text : String(String.UnicodeScalarView(u)).trimmedSpaces()
    }
}
