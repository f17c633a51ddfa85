/// `ingestd ingest --explain`: each line of a page with the role the parser gave it, the
/// record it went to and the signals that decided it, so a wrong record can be traced to
/// the rule that made it.
public struct LineExplanation: Sendable, Equatable {
    /// 1-based line number in the source (the first line of a re-joined wrap).
    public var line: Int
    /// masthead, crawl-note, furniture, label, kicker, headline, deck, byline, credit,
    /// dateline, body, heading, caption, photo-title, note, signature or dropped.
    public var role: String
    /// The record (0-based `source.index`) the line went to, nil for page furniture.
    public var record: Int?
    /// What decided the role: length, gap, set-off, and the rule that matched.
    public var signals: String
    public var text: String
}

extension PageParser {
    /// The lines as the parser read them. Traditional-character pages are shown through the
    /// simplified fold the rules read.
    public static func explain(_ text: String, spansWord: (String, String) -> Bool = { _, _ in false }) -> [LineExplanation] {
        let text = LetterSpacing.repaired(text) ?? text
        let a = analyse(TraditionalFold(page: text)?.folded ?? text, spansWord: spansWord)
        var role = [String?](repeating: nil, count: a.lines.count)
        var record = [Int?](repeating: nil, count: a.lines.count)
        var why = [String](repeating: "", count: a.lines.count)

        for (n, item) in a.items.enumerated() {
            let r = a.recordOfItem[n]
            if let head = item.head {
                let mark = head.credited ? "credit under headline" : head.brief ? "briefs run" : head.hasByline ? "byline follows" : "set off"
                for i in head.start..<head.bodyStart {
                    record[i] = r
                    switch a.roles[i] {
                    case .short where i == head.bodyStart - 1 && !head.authors.isEmpty && Bylines.bareNames(a.lines[i]) != nil:
                        role[i] = "byline"
                        why[i] = "bare name under the headline"
                    case .short, .titleWithSubtitle:
                        let t = a.lines[i].text
                        role[i] = head.headline.kicker.map { t.hasByteSuffix($0) || $0.hasBytePrefix(t) } == true && head.headline.title != t ? "kicker"
                            : head.headline.title.hasSubstring(t) ? "headline" : "deck"
                        why[i] = "headline group (\(mark))"
                    case .dashSubtitle: role[i] = "deck"; why[i] = "dashes"
                    case .byline(let names): role[i] = "byline"; why[i] = "names " + names.joined(separator: ",")
                    case .credit(let names): role[i] = "credit"; why[i] = "names " + names.joined(separator: ",")
                    case .furniture(.crawlNote): role[i] = "crawl-note"; why[i] = "citation/word count/source under headline"
                    default: role[i] = "head"
                    }
                }
            }
            if let photo = item.photo {
                for i in photo.blocks {
                    record[i] = r
                    role[i] = i == photo.titleLine ? "photo-title" : a.roles[i] == .body ? "caption" : "credit"
                    why[i] = "photo by its credit"
                }
            }
            for (k, b) in item.blocks.enumerated() where role[b] == nil {
                record[b] = a.used.contains(b) ? r : nil
                switch a.roles[b] {
                case .body:
                    role[b] = a.used.contains(b) ? "body" : "dropped"
                    why[b] = item.bullet && k == 0 ? "bullet opens a brief" : Bylines.dateline(a.lines[b].text) != nil ? "dateline opens it" : ""
                case .short, .dashSubtitle, .titleWithSubtitle:
                    role[b] = a.used.contains(b) ? "heading" : "dropped"
                    why[b] = a.used.contains(b) ? "short line inside the text" : "banner or slogan outside the text"
                case .authorNote(let n): role[b] = "note"; why[b] = n
                case .byline(let names): role[b] = a.used.contains(b) ? "signature" : "dropped"; why[b] = "names " + names.joined(separator: ",")
                case .credit: role[b] = "credit"; why[b] = "photo credit inside the text"; record[b] = nil
                default: break
                }
            }
        }
        return a.lines.indices.map { i in
            var r = role[i]
            var w = why[i]
            if r == nil {
                switch a.roles[i] {
                case .furniture(let kind):
                    switch kind {
                    case .masthead(let m): r = "masthead"; w = describe(m)
                    case .crawlNote(let m): r = "crawl-note"; w = describe(m)
                    case .issue(let n): r = "masthead"; w = "issue \(n)"
                    case .trailer: r = "masthead"; w = "Founder trailer"
                    case .contact: r = "furniture"; w = "contact line"
                    case .label: r = "label"; w = "box or column label"
                    case .editorCredit: r = "furniture"; w = "editor credit"
                    case .jump: r = "furniture"; w = "jump marker"
                    case .separator: r = "furniture"; w = "separator"
                    }
                case .paperName(let p): r = "masthead"; w = "paper " + p
                default: r = "dropped"; w = "outside every item"
                }
            }
            let line = a.lines[i]
            var signals = "len=\(line.length) gap=\(line.gap)" + (line.setOff ? " set-off" : "")
            if line.annotation != nil { signals += " crawl-note-cut" }
            if !w.isEmpty { signals += " · " + w }
            return LineExplanation(line: line.number, role: r!, record: record[i], signals: signals, text: line.text)
        }
    }

    static func describe(_ m: PageMetadata) -> String {
        [m.paper.map { "paper " + $0 }, m.date.map { "date " + $0 }, m.edition.map { "edition " + $0 }, m.section.map { "section " + $0 }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}
