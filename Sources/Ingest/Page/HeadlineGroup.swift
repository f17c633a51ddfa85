/// Reads the lines above a byline as kicker (引题), main title (主题) and subtitle (副题).
/// Plain text has lost the type sizes, so the reading rests on order, dashes and length:
/// a subtitle is marked by `——` or runs much longer than the title; a kicker is a short
/// line above a clearly longer one.
struct HeadlineGroup: Sendable, Equatable {
    var title: String
    var subtitle: String?
    var kicker: String?

    init(title: String, subtitle: String? = nil, kicker: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.kicker = kicker
    }

    /// `稳 中 求 进` → `稳中求进`: a headline set with a space after every character (PDF
    /// extracts of wide type) reads as its words; phrase spaces (`坚定信心 奋勇前进`) stay.
    static func closingLetterSpacing(_ line: String) -> String {
        let tokens = line.split(separator: " ")
        guard tokens.count >= 2, tokens.allSatisfy({ $0.unicodeScalars.count == 1 && $0.unicodeScalars.allSatisfy(Scalars.isHan) }) else {
            return line
        }
        return tokens.joined()
    }

    /// Speech verbs that end a kicker introducing what was said (`习近平在某地考察时强调`).
    static let leadInVerbs = ["强调", "指出", "表示", "要求", "提出"]

    /// A line that introduces the main title: it ends in a colon (`全国人大代表王建国:`) or in
    /// a verb of saying.
    static func isLeadIn(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return last == ":" || last == "\u{FF1A}" || leadInVerbs.contains { line.hasByteSuffix($0) }
    }

    /// A clause mark (`，`, `、`) outside quotes: the line reads as running text.
    static func hasOpenClause(_ line: String) -> Bool {
        var depth = 0
        for c in line.unicodeScalars {
            if c == "“" || c == "「" || c == "《" { depth += 1 } else if c == "”" || c == "」" || c == "》" { depth = max(0, depth - 1) }
            else if depth == 0, Scalars.isClauseOpen(c) { return true }
        }
        return false
    }

    /// `lines` are the group's `.short` texts in order; `dashed` the `——` subtitle if any.
    /// `printedWhole`: the page prints these lines as one line elsewhere, so they are one
    /// headline.
    static func read(lines raw: [String], dashed: String?, printedWhole: Bool = false) -> HeadlineGroup? {
        guard !raw.isEmpty else { return nil }
        // a kicker may end in the dashes that lead to the title (`…办法出台——`)
        let lines = raw.map(closingLetterSpacing).map { line in
            var u = line.unicodeScalars[...]
            while let last = u.last, Scalars.isDash(last), last != "-" { u = u.dropLast() }
            return u.count >= 2 && u.count < line.unicodeScalars.count ? String(String.UnicodeScalarView(u)).trimmedSpaces() : line
        }
        var g: HeadlineGroup
        switch printedWhole ? 1 : lines.count {
        case 1 where lines.count > 1:
            g = HeadlineGroup(title: lines.joined(separator: " "))
        case 1:
            g = HeadlineGroup(title: lines[0])
        case 2:
            let a = lines[0], b = lines[1]
            let la = a.scalarCount, lb = b.scalarCount
            if isLeadIn(a) {
                g = HeadlineGroup(title: b, kicker: a)
            } else if a.split(separator: " ").count >= 3, !b.contains(" ") {
                // a headline of three phrases set apart by spaces (`多市以東 男子中刀卧街頭 警方指…`) is
                // the main title, the plain line under it its deck; a kicker is one phrase
                g = HeadlineGroup(title: a, subtitle: b)
            } else if dashed == nil, lb >= la + 8, lb > 16 {
                g = HeadlineGroup(title: a, subtitle: b)
            } else if la <= 10, la * 10 <= lb * 7 {
                g = HeadlineGroup(title: b, kicker: a)
            } else if la <= 8 && lb <= 8 {
                // two short phrases set one under the other: one headline
                g = HeadlineGroup(title: a + " " + b)
            } else if hasOpenClause(b), !hasOpenClause(a) {
                // a deck under the title reads as running text (`优先采用微更新、渐进式改造`)
                g = HeadlineGroup(title: a, subtitle: b)
            } else {
                // two full lines: the kicker (引题) above, the main title under it
                g = HeadlineGroup(title: b, kicker: a)
            }
        default:
            let rest = lines[1...]
            if dashed == nil, rest.count == 2 {
                g = HeadlineGroup(title: lines[1], subtitle: lines[2], kicker: lines[0])
            } else {
                g = HeadlineGroup(title: rest.joined(separator: " "), kicker: lines[0])
            }
        }
        if let dashed { g.subtitle = dashed }
        // the record has one auxiliary-headline field: a kicker fills it when it is free
        if g.subtitle == nil, let k = g.kicker { g.subtitle = k }
        return g
    }
}
