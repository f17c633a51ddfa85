/// The last line of many Founder e-paper extracts: the `<!--enpproperty …-->` comment with
/// its tags stripped, e.g.
/// `2022-12-08 ——滁州市…工作纪实 2 2 滁州日报 content_82636.html 1 3 “红色引擎”添动力 … /enpproperty-->`.
/// Field order varies between installations, so fields are recognised by form, not position.
struct FounderTrailer: Sendable, Equatable {
    let date: String?
    let paper: String?
    /// The trailer's text without spaces, to check that it names a title on this page.
    let compactText: String

    /// A real trailer is a few hundred characters; a longer line ending so is text that the
    /// extract ran into the trailer, and is kept as text.
    static func isTrailer(_ line: PageLine) -> Bool {
        line.length <= 1000 && (line.text.hasByteSuffix("enpproperty-->") || line.text.hasBytePrefix("<!--enpproperty"))
    }

    init?(_ line: PageLine) {
        guard Self.isTrailer(line) else { return nil }
        let tokens = line.text.split(separator: " ").map(String.init)
        var date: String?
        var paper: String?
        for (i, token) in tokens.enumerated() {
            let u = Array(token.unicodeScalars)
            if date == nil, let (iso, end) = MastheadLine.date(in: u, from: 0), end == u.count { date = iso; continue }
            if paper == nil, Self.isPaperName(token) {
                let beforeURL = i + 1 < tokens.count && Self.isContentURL(tokens[i + 1])
                if beforeURL || token.hasByteSuffix("报") || token.hasByteSuffix("刊") { paper = token }
            }
        }
        self.date = date
        self.paper = paper
        self.compactText = String(line.text.unicodeScalars.filter { !Scalars.isSpace($0) }.map(Character.init))
    }

    private static func isContentURL(_ t: String) -> Bool {
        t.hasBytePrefix("content_") || t.hasByteSuffix(".htm") || t.hasByteSuffix(".html") || t.hasBytePrefix("http")
    }

    /// A bare name: 2–12 Han characters (a middle dot allowed), no punctuation.
    static func isPaperName(_ t: String) -> Bool {
        let u = t.unicodeScalars
        return (2...12).contains(u.count) && u.allSatisfy { Scalars.isHan($0) || $0 == "·" }
    }
}
