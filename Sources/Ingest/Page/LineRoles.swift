/// What a line is, judged from the line alone. Context (a bare name under a headline, a
/// short line between byline and body) is applied later by the splitter.
enum LineRole: Sendable, Equatable {
    case furniture(Furniture.Kind)
    case paperName(String)
    case authorNote(String)
    /// A standalone photo credit line.
    case credit([String])
    case byline([String])
    /// `——记…`: a subtitle printed with its dashes.
    case dashSubtitle(String)
    /// `主题 ——副题` printed on one line.
    case titleWithSubtitle(String, String)
    /// Headline-like: at most `Shape.shortMax` characters, not ending a sentence or clause.
    case short
    case body
}

/// Shape tests on text, shared by the classifier and the column-break rules.
enum Shape {
    static let shortMax = 40

    /// The text's last mark, looking through closing quotes and brackets; a trailing
    /// parenthetical after a full stop (`…留影。(资料图片)`) counts as ending the sentence.
    static func lastMark(_ text: String) -> Unicode.Scalar? {
        guard let last = text.unicodeScalars.last else { return nil }
        if !Scalars.isCloser(last) { return last }
        let u = Array(text.unicodeScalars)
        var end = u.count
        while end > 0, Scalars.isCloser(u[end - 1]) {
            if u[end - 1] == ")" || u[end - 1] == "\u{FF09}",
               let open = u[..<(end - 1)].lastIndex(where: { $0 == "(" || $0 == "\u{FF08}" }), open > 0,
               Scalars.isSentenceFinal(u[open - 1]) {
                return u[open - 1]
            }
            end -= 1
        }
        return end > 0 ? u[end - 1] : nil
    }

    static func endsSentence(_ text: String) -> Bool {
        lastMark(text).map(Scalars.isSentenceFinal) ?? false
    }

    /// Ends a sentence, a list lead (`:`) or a list item (`;`): never a column break.
    static func endsClosed(_ text: String) -> Bool {
        guard let m = lastMark(text) else { return false }
        return Scalars.isSentenceFinal(m) || Scalars.isClauseFinal(m)
    }

    /// Ends on `,` or `、`: the sentence certainly goes on somewhere else.
    static func endsOpen(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return Scalars.isClauseOpen(last)
    }

    /// Ends in a closing quote or bracket that does not follow a full stop: ambiguous.
    static func endsInCloser(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return Scalars.isCloser(last)
    }

    /// `V06`, `T02`: a desk or page code (a capital and two or three digits) that web
    /// archives of overseas papers print between stories.
    static func isDeskCode<S: StringProtocol>(_ text: S) -> Bool {
        // on bytes: this runs for every line below the masthead
        let b = text.utf8
        guard (3...4).contains(b.count), let first = b.first, first >= 0x41, first <= 0x5A else { return false }
        return b.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The inside of a line wholly enclosed in one pair of brackets — round (half- or
    /// full-width), `【】` or `[]` — without the spaces inside; nil when it is not enclosed.
    static func insideBrackets(_ text: Substring) -> Substring? {
        // on scalars: this runs for nearly every short line, and most do not open a bracket
        let u = text.unicodeScalars
        guard let open = u.first, open == "(" || open == "\u{FF08}" || open == "【" || open == "[", let close = u.last else { return nil }
        guard (open == "(" || open == "\u{FF08}") && (close == ")" || close == "\u{FF09}") || (open == "【" && close == "】") || (open == "[" && close == "]"),
              u.count > 2 else {
            return nil
        }
        return text.dropFirst().dropLast().drop { $0 == " " }
    }

    /// A full stop with text after it (`…均为地下站。线路北起`): a line of running text cut at
    /// the column edge, never a headline, however short. An ASCII `.` counts between Han
    /// characters (pages with ASCII punctuation), not in `5.5` or `U.S.`.
    static func hasInnerFullStop(_ text: String) -> Bool {
        var before: Unicode.Scalar = " ", mark: Unicode.Scalar = " "
        for c in text.unicodeScalars {
            switch mark {
            case "。", "｡": if Scalars.isHan(c) || Scalars.isOpener(c) { return true }
            case ".": if Scalars.isHan(before), Scalars.isHan(c) { return true }
            default: break
            }
            // spaces after a full stop (`…广场舞。 王五 摄`) do not hide it
            if c != " " { (before, mark) = (mark, c) }
        }
        return false
    }

    /// Two phrases set apart by a space (`精心组织 安排专人抓落实`): headline typography,
    /// never running text.
    static func hasPhraseSpace(_ text: String) -> Bool {
        let u = Array(text.unicodeScalars)
        guard u.count > 2 else { return false }
        for i in 1..<(u.count - 1) where u[i] == " " {
            let a = u[i - 1], b = u[i + 1]
            if (Scalars.isHan(a) || Scalars.isCloser(a) || Scalars.isClauseOpen(a)) && (Scalars.isHan(b) || Scalars.isOpener(b)) { return true }
        }
        return false
    }

    /// `问:`, `答:`, `记者:`-style turn openers of an interview.
    static func qaTurn(_ text: String) -> Character? {
        var it = text.unicodeScalars.makeIterator()
        guard let first = it.next(), let second = it.next(), it.next() != nil,
              second == ":" || second == "\u{FF1A}" else { return nil }
        switch first {
        case "问", "Q", "\u{FF31}": return "问"
        case "答", "A", "\u{FF21}": return "答"
        default: return nil
        }
    }

    /// `王建国:…`, `记者:…`: the speaker who opens an interview turn (1–8 characters of
    /// name, no punctuation), or nil.
    static func speakerLabel(_ text: String) -> Substring? {
        var n = 0
        for (offset, c) in text.unicodeScalars.prefix(10).enumerated() {
            if c == ":" || c == "\u{FF1A}" {
                // a turn says something after its colon
                guard offset > 0, !text.unicodeScalars.dropFirst(offset + 1).isEmpty else { return nil }
                n = offset
                break
            }
            guard Scalars.isHan(c) || Scalars.isASCIIAlnum(c) || c == "·" else { return nil }
        }
        guard (1...8).contains(n) else { return nil }
        return Substring(String(String.UnicodeScalarView(text.unicodeScalars.prefix(n))))
    }

    static let numerals: ScalarSet = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// Enumerations that open a section heading or list item: `一、`, `(一)`, `1.`, `“1”:`, `第一,`.
    static func startsEnumerated(_ text: String) -> Bool {
        var u: [Unicode.Scalar] = []
        u.reserveCapacity(6)
        for s in text.unicodeScalars.prefix(6) { u.append(s) }
        guard !u.isEmpty else { return false }
        let numerals = Self.numerals
        var i = 0
        if Scalars.isOpener(u[0]) { i = 1 }
        var n = 0
        while i < u.count, numerals.contains(u[i]) || Scalars.isDigit(u[i]) { i += 1; n += 1 }
        guard n > 0, n <= 3, i < u.count else { return false }
        if u[0] != "(", u[0] != "\u{FF08}", u[0] != "“", u[i] == "、" || u[i] == "." || u[i] == "\u{FF0E}" { return true }
        if (u[0] == "(" || u[0] == "\u{FF08}") && (u[i] == ")" || u[i] == "\u{FF09}") { return true }
        if u[0] == "“", u[i] == "”" { return true }
        return false
    }

    /// `title ——subtitle` on one line → (title, subtitle).
    static func splitTitleSubtitle(_ text: String) -> (String, String)? {
        // every dash here (—, ―, ━) opens with the byte E2, or is `-`: one pass refuses most lines
        guard text.anyByte({ $0 == 0xE2 || $0 == 0x2D }),
              text.hasSubstring("—") || text.hasSubstring("―") || text.hasSubstring("--") || text.hasSubstring("━") else { return nil }
        let u = Array(text.unicodeScalars)
        guard let dash = u.indices.dropLast().first(where: { Scalars.isDash(u[$0]) && Scalars.isDash(u[$0 + 1]) && u[$0] != "-" }) else {
            return nil
        }
        // a dash inside quotes belongs to the quoted title (`“站高望远 向新而行——系统性变革…”在北京举行`)
        var depth = 0
        for c in u[..<dash] {
            if c == "“" || c == "「" || c == "《" { depth += 1 } else if c == "”" || c == "」" || c == "》" { depth -= 1 }
        }
        guard depth <= 0 else { return nil }
        let before = String(String.UnicodeScalarView(u[..<dash])).trimmedSpaces()
        let sub = stripLeadingDashes(String(String.UnicodeScalarView(u[dash...])))
        guard before.scalarCount >= 4, before.scalarCount <= shortMax, sub.scalarCount >= 2, sub.scalarCount <= shortMax,
              !before.unicodeScalars.contains(where: Scalars.isSentenceFinal),
              !sub.unicodeScalars.contains(where: Scalars.isSentenceFinal) else { return nil }
        return (before, sub)
    }

    static func stripLeadingDashes(_ text: String) -> String {
        String(text.drop { Scalars.isDash($0.unicodeScalars.first!) || $0 == " " }).trimmedSpaces()
    }
}

enum LineRoles {
    /// Classifies every line, then reads the context rules that need a neighbour: a kicker
    /// ending in a colon sits right above a headline line; a headline may end in `?` or `!`
    /// (`谁来守护孩子们的餐桌?`), which alone reads as a sentence, and is one when a byline,
    /// dateline or `——` subtitle follows it (or a deck and then the dateline).
    static func classifyPage(_ lines: [PageLine]) -> [LineRole] {
        var roles = lines.enumerated().map { classify($1, position: $0) }
        // a kicker ending in a colon right above a headline line (`全国人大代表王建国:`)
        for i in lines.indices.dropLast() where roles[i] == .body && roles[i + 1] == .short && !lines[i + 1].setOff {
            let text = lines[i].text
            if let last = text.unicodeScalars.last, last == ":" || last == "\u{FF1A}", lines[i].length <= 30,
               !Shape.hasInnerFullStop(text), Shape.qaTurn(text) == nil, Shape.speakerLabel(text) == nil {
                roles[i] = .short
            }
        }
        // a bare column label (`专栏:`) standing apart from what follows labels nothing
        for i in lines.indices where roles[i] == .body && lines[i].length <= 6 && (i + 1 == lines.count || lines[i + 1].gap > 0)
            && !Bylines.isSalutation(lines[i].text) {
            let u = lines[i].text.unicodeScalars
            if let last = u.last, last == ":" || last == "\u{FF1A}", u.dropLast().allSatisfy(Scalars.isHan) {
                roles[i] = .furniture(.label)
            }
        }
        markStackedMasthead(lines, &roles)
        markVerse(lines, &roles)
        for i in lines.indices.dropLast() where roles[i] == .body && isExclaimedHeadline(lines[i].text) {
            switch roles[i + 1] {
            case .byline, .dashSubtitle:
                roles[i] = .short
            case .short where Bylines.bareNames(lines[i + 1]) != nil:
                roles[i] = .short
            case .body where Bylines.dateline(lines[i + 1].text) != nil:
                roles[i] = .short
            // set off above, then a deck and the dateline (`公车贴上标志变“乖”了吗？` / deck / `本报讯…`)
            case .short where lines[i].setOff && lines[i + 1].gap == 0 && i + 2 < lines.count && lines[i + 2].gap == 0
                && roles[i + 2] == .body && Bylines.dateline(lines[i + 2].text) != nil:
                roles[i] = .short
            default:
                break
            }
        }
        return roles
    }

    /// The masthead set as a stack of short lines at the top of the page, one field a line
    /// (`海南日报` / `2026-07-23` / `004` / `民生新闻`), closed by a blank line: with a date in
    /// it, a bare edition code is the edition and the short line under it the section.
    static func markStackedMasthead(_ lines: [PageLine], _ roles: inout [LineRole]) {
        var end = 0
        while end < min(lines.count, 6), end == 0 || lines[end].gap == 0, lines[end].length <= 12 { end += 1 }
        guard end >= 2, end < lines.count, lines[end].gap > 0 else { return }
        let dated = (0..<end).contains { i in
            if case .furniture(.masthead(let m)) = roles[i], m.date != nil, m.edition == nil { return true }
            return false
        }
        guard dated else { return }
        for i in 0..<end where !isFurniture(roles[i]) {
            let u = lines[i].text.unicodeScalars
            let code = (1...5).contains(u.count) && u.allSatisfy { ("0"..."9").contains($0) }
                || ((2...4).contains(u.count) && ("A"..."Z").contains(u.first!) && u.dropFirst().allSatisfy { ("0"..."9").contains($0) })
            guard code else { continue }
            var meta = PageMetadata(edition: lines[i].text)
            if i + 1 < end, !isFurniture(roles[i + 1]), lines[i + 1].length <= 8,
               lines[i + 1].text.unicodeScalars.allSatisfy({ Scalars.isHan($0) || $0 == "·" }) {
                meta.section = lines[i + 1].text
                roles[i + 1] = .furniture(.label)
            }
            roles[i] = .furniture(.masthead(meta))
        }
    }

    static func isFurniture(_ role: LineRole) -> Bool {
        switch role {
        case .furniture, .paperName: return true
        default: return false
        }
    }

    /// Verse (a literary page's poem): under a byline, three or more short lines set one
    /// under the other with no blank line between them, ending the item (a gap or the page's
    /// end follows). Without this the lines read as headlines and the poem was lost or became
    /// the title of the next piece. A column banner under a byline is one or two lines and is
    /// followed by the text at once, so it is not taken.
    static func markVerse(_ lines: [PageLine], _ roles: inout [LineRole]) {
        var i = 0
        while i < lines.count {
            guard case .byline = roles[i], i + 1 < lines.count else { i += 1; continue }
            var end = i + 1
            while end < lines.count, roles[end] == .short, end == i + 1 || lines[end].gap == 0 { end += 1 }
            let closed = end == lines.count || lines[end].gap > 0
            if end - (i + 1) >= 3, closed {
                for k in (i + 1)..<end { roles[k] = .body }
            }
            i = end
        }
    }

    /// Short, one sentence, ending in a question or exclamation mark.
    static func isExclaimedHeadline(_ text: String) -> Bool {
        let u = text.unicodeScalars
        guard let last = Shape.lastMark(text), ["?", "!", "\u{FF1F}", "\u{FF01}"].contains(last),
              (4...Shape.shortMax).contains(u.count), Shape.qaTurn(text) == nil else { return false }
        return !Shape.hasInnerFullStop(text)
    }

    /// Lines at the very top of a page where a bare paper name is masthead, not headline.
    static let mastheadLines = 3

    static func classify(_ line: PageLine, position: Int) -> LineRole {
        let text = line.text
        if line.annotation != nil, let names = Bylines.signature(line) { return .byline(names) }
        if let note = Bylines.authorNote(line) { return .authorNote(note) }
        if let names = Bylines.credit(line) { return .credit(names) }
        if let names = Bylines.byline(line) { return .byline(names) }
        // `陳　雲　裳`: a person's name set letter by letter signs the text (a headline is not set so)
        if HardWraps.isSpacedSignature(line), case let name = Substring(text.filter { $0 != " " }), Surnames.isPersonName(name) {
            return .byline([String(name)])
        }
        if let kind = Furniture.classify(line) { return .furniture(kind) }
        // a field label with nothing after it (`发布日期:`, `作者:`): an empty slot of a template
        if line.length <= 6, let last = text.unicodeScalars.last, last == ":" || last == "\u{FF1A}",
           CrawlAnnotations.fieldLabels.contains(String(text.unicodeScalars.dropLast())) {
            return .furniture(.label)
        }
        // below the masthead (where `A08` is the edition), a code on its own line is furniture
        if position >= 6, Shape.isDeskCode(text) { return .furniture(.label) }
        if position < mastheadLines, line.length <= 10, FounderTrailer.isPaperName(text),
           text.hasByteSuffix("报") || text.hasByteSuffix("刊"), !text.hasByteSuffix("简报") {
            return .paperName(text)
        }
        if let names = Bylines.dashedSignature(line) { return .byline(names) }
        if let first = text.unicodeScalars.first, Scalars.isDash(first), line.length <= Shape.shortMax + 4,
           !Shape.endsSentence(text) {
            let sub = Shape.stripLeadingDashes(text)
            if sub.scalarCount >= 2 { return .dashSubtitle(sub) }
        }
        // (title and subtitle are both short: a longer line is never one, and is not searched)
        if line.length <= 2 * Shape.shortMax + 8, let (title, sub) = Shape.splitTitleSubtitle(text) { return .titleWithSubtitle(title, sub) }
        if line.length <= Shape.shortMax, !Shape.endsClosed(text), !Shape.endsOpen(text), Shape.qaTurn(text) == nil,
           !Shape.hasInnerFullStop(text), Bylines.dateline(text) == nil {
            return .short
        }
        return .body
    }
}
