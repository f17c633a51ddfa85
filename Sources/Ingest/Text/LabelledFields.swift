/// Pages exported from a newspaper database as labelled fields (`标题:…`, `作者:…`,
/// `正文:`), one article after another. The labels are rewritten into the printed layout
/// the page rules read — a kicker, the headline, a `——` subtitle, the byline, a masthead
/// line, the text — with blank lines between articles. The labels are the databases'
/// field names, not words of any one paper.
enum LabelledFields {
    enum Field {
        case kicker, title, subtitle, author, date, edition, source, text, skip
    }

    static let labels: [(String, Field)] = [
        ("主标题", .title), ("副标题", .subtitle), ("标题", .title), ("题名", .title), ("引题", .kicker), ("肩题", .kicker),
        ("副题", .subtitle), ("作者", .author), ("责任者", .author), ("出版日期", .date), ("发表日期", .date), ("日期", .date),
        ("版次", .edition), ("版号", .edition), ("版名", .edition), ("正文", .text), ("全文", .text), ("来源", .source),
        ("报纸名称", .source), ("栏目", .skip), ("关键词", .skip), ("摘要", .skip),
    ]

    /// Field names of exports that write `<正题>=X` (TRS records); other `<…>=` fields are
    /// the database's bookkeeping.
    static let angleLabels: [Substring: Field] = [
        "正题": .title, "标题": .title, "主题": .title, "引题": .kicker, "肩题": .kicker, "副题": .subtitle,
        "文章作者": .author, "作者": .author, "日期": .date, "版次": .edition, "正文": .text,
    ]

    /// `标题:X`, `【标题】X` or `<正题>=X` → (field, value).
    static func field(_ line: Substring) -> (Field, Substring)? {
        var t = line.drop { $0 == " " || $0 == "\u{3000}" }
        if t.hasBytePrefix("<"), let close = t.prefix(12).firstIndex(of: ">"), t[close...].dropFirst().hasBytePrefix("=") {
            let label = t[t.index(after: t.startIndex)..<close]
            let value = t[close...].dropFirst(2).drop { $0 == " " || $0 == "\u{3000}" }
            return (angleLabels[label] ?? .skip, value)
        }
        if t == "<REC>" { return (.skip, "") }
        let bracketed = t.hasBytePrefix("【") || t.hasBytePrefix("[")
        if bracketed { t = t.dropFirst() }
        guard let (label, kind) = labels.first(where: { t.hasBytePrefix($0.0) }) else { return nil }
        var rest = t.dropFirst(label.count)
        if bracketed {
            guard rest.hasBytePrefix("】") || rest.hasBytePrefix("]") else { return nil }
            rest = rest.dropFirst()
        } else {
            guard rest.hasBytePrefix(":") || rest.hasBytePrefix("\u{FF1A}") else { return nil }
            rest = rest.dropFirst()
        }
        return (kind, rest.drop { $0 == " " || $0 == "\u{3000}" })
    }

    /// The page in printed layout, or nil when it is not a labelled export (a title field
    /// and three kinds of field in all).
    static func rewritten(_ text: String) -> String? {
        // cheap refusal by byte search: an export labels a title somewhere
        guard ["标题:", "标题\u{FF1A}", "标题】", "题名:", "题名\u{FF1A}", "题名】", "<正题>=", "<标题>="].contains(where: { text.hasSubstring($0) }) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let fields = lines.map(field)
        let kinds = Set(fields.compactMap { $0?.0 })
        guard kinds.contains(.title), kinds.count >= 3 else { return nil }

        var out: [Substring] = []
        var inHead = false
        for (line, parsed) in zip(lines, fields) {
            guard let (kind, value) = parsed else {
                out.append(line)
                continue
            }
            switch kind {
            case .kicker, .title:
                // a new article: set off from the one before
                if !inHead { out += ["", "", ""] }
                if !value.isEmpty { out.append(value) }
            case .subtitle:
                if !value.isEmpty { out.append("——" + value) }
            case .author:
                if !value.isEmpty { out += ["", "作者:" + value] }
            case .date:
                if !value.isEmpty { out += ["", value] }
            case .edition where line.drop(while: { $0 == " " || $0 == "\u{3000}" }).hasBytePrefix("<"):
                // `<版次>=013` with its `<版名>=世界新闻`, as the masthead rule reads them
                guard !value.isEmpty else { break }
                let section = zip(lines, fields).first { $0.0.hasBytePrefix("<版名>=") }.flatMap { $0.1?.1 } ?? ""
                out += ["", Substring("版次:\(value)" + (section.isEmpty ? "" : " 版名:\(section)"))]
            case .edition, .source:
                // read by the masthead and furniture rules as they are
                out += ["", line.drop { $0 == " " || $0 == "\u{3000}" }]
            case .text:
                out.append("")
                if !value.isEmpty { out.append(value) }
            case .skip:
                break
            }
            switch kind {
            case .kicker, .title, .subtitle: inHead = true
            default: inHead = false
            }
        }
        return out.joined(separator: "\n")
    }
}
