/// What crawlers and web editions write onto a page's lines besides the page itself: a
/// citation (`《人民日报》（2026年05月14日 第 12 版）`), a word count (`字数: 6184字`), a
/// source line (`（ 2026-04-28 ） 稿件来源：新华每日电讯 要闻`), a row of labelled fields
/// (`刊发日期:2018-09-14 阅读次数: 作者:本通`). They are furniture; the paper, date and
/// edition they state are the page's fields. A crawl often writes them onto the byline
/// (`本报记者 孙 超 《人民日报》（…）`): the note is cut off and what is left is a head line.
enum CrawlAnnotations {
    /// Lines whose end carried a note are rewritten without it and marked `annotation`;
    /// lines that are nothing but notes keep their text and get `crawlNote` (read by
    /// `Furniture` as page furniture).
    static func cut(_ lines: inout [PageLine]) {
        for i in lines.indices {
            let line = lines[i]
            let marks = Marks(line.text)
            guard marks.any else { continue }
            if let whole = whole(line, marks) {
                lines[i].crawlNote = whole
                continue
            }
            guard marks.mayEndInNote, let (rest, meta) = trailing(line.text), !rest.isEmpty else { continue }
            var cut = PageLine(text: rest, number: line.number, gap: line.gap)
            cut.setOff = line.setOff
            cut.annotation = meta
            lines[i] = cut
        }
    }

    /// What one pass over a line's UTF-8 bytes tells: every note has a colon, a `《`, `来源`
    /// or `字数`; a note at the end ends in a digit, `字` or a closing bracket.
    struct Marks {
        var colons = 0
        var bookTitle = false
        var source = false
        var wordCount = false
        var mayEndInNote = false

        init(_ text: String) {
            var t = text
            t.withUTF8 { b in
                let n = b.count
                guard n > 0 else { return }
                var i = 0
                while i < n {
                    let c = b[i]
                    if c == 0x3A {
                        colons += 1
                    } else if c >= 0xE3, c <= 0xEF, i + 2 < n {
                        switch (c, b[i + 1], b[i + 2]) {
                        case (0xEF, 0xBC, 0x9A): colons += 1              // ：
                        case (0xE3, 0x80, 0x8A): bookTitle = true         // 《
                        case (0xE6, 0x9D, 0xA5): source = true            // 来 (of 来源)
                        case (0xE6, 0x95, 0xB0): wordCount = true         // 数 (of 字数)
                        default: break
                        }
                        i += 3
                        continue
                    }
                    i += 1
                }
                // the last character: a digit, 字 (E5 AD 97), ) or ） (EF BC 89)
                let last = b[n - 1], before = n > 1 ? b[n - 2] : 0
                mayEndInNote = (last >= 0x30 && last <= 0x39) || last == 0x29 || (before == 0xAD && last == 0x97) || (before == 0xBC && last == 0x89)
            }
        }

        var any: Bool { colons > 0 || bookTitle || source || wordCount }
    }

    /// A line that is nothing but crawl notes, and what they state.
    static func whole(_ line: PageLine, _ marks: Marks) -> PageMetadata? {
        guard line.length <= 120, marks.any else { return nil }
        if marks.source, let m = sourceLine(line.text) { return m }
        if marks.colons >= 1, let m = labelledFields(line.text) { return m }
        if marks.mayEndInNote, marks.bookTitle || marks.wordCount, let (rest, m) = trailing(line.text), rest.isEmpty { return m }
        return nil
    }

    /// Cuts notes from the end of `text` (a citation, a word count, in either order);
    /// nil when there was none.
    static func trailing(_ text: String) -> (rest: String, meta: PageMetadata)? {
        var rest = Substring(text)
        var meta = PageMetadata()
        var found = false
        while true {
            while rest.last == " " { rest = rest.dropLast() }
            if let cut = wordCount(rest) {
                rest = rest[..<cut]
                found = true
                continue
            }
            if let open = rest.lastIndex(of: "《"),
               let c = MastheadLine.citation(PageLine(text: String(rest[open...]), number: 0, gap: 0)) {
                meta.fill(from: c)
                rest = rest[..<open]
                found = true
                continue
            }
            break
        }
        return found ? (String(rest).trimmedSpaces(), meta) : nil
    }

    /// Where a trailing `字数 149字` / `字数: 6184字` starts.
    static func wordCount(_ s: Substring) -> Substring.Index? {
        guard s.hasByteSuffix("字") || s.last?.isNumber == true else { return nil }
        var u = s.unicodeScalars[...]
        if u.last == "字" { u = u.dropLast() }
        while u.last == " " { u = u.dropLast() }
        var digits = 0
        while let l = u.last, MastheadLine.digitValue(l) != nil { u = u.dropLast(); digits += 1 }
        guard digits > 0 else { return nil }
        while let l = u.last, l == " " || l == ":" || l == "\u{FF1A}" { u = u.dropLast() }
        guard u.last == "数" else { return nil }
        u = u.dropLast()
        guard u.last == "字" else { return nil }
        u = u.dropLast()
        return u.endIndex
    }

    /// `（ 2026-04-28 ） 稿件来源：新华每日电讯 要闻`: an optional date in brackets, then the
    /// source label, the paper and perhaps its section.
    static func sourceLine(_ text: String) -> PageMetadata? {
        guard text.hasSubstring("来源") else { return nil }
        var u = Substring(text)
        var meta = PageMetadata()
        if let open = u.first, open == "(" || open == "\u{FF08}", let close = u.firstIndex(where: { $0 == ")" || $0 == "\u{FF09}" }) {
            let inner = Array(u[u.index(after: u.startIndex)..<close].unicodeScalars.filter { $0 != " " })
            guard let (iso, end) = MastheadLine.date(in: inner, from: 0), end == inner.count else { return nil }
            meta.date = iso
            u = u[u.index(after: close)...].drop { $0 == " " }
        }
        for label in ["稿件来源", "来源"] where u.hasBytePrefix(label) {
            let value = u.dropFirst(label.count).drop { $0 == " " || $0 == ":" || $0 == "\u{FF1A}" }
            let words = value.split(separator: " ")
            guard (1...2).contains(words.count), words.allSatisfy({ w in w.unicodeScalars.allSatisfy(Scalars.isHan) }),
                  words[0].count >= 2, words[0].count <= 12 else { return nil }
            // a news site (`来源: 长江网`) is a source but no paper
            if !words[0].hasByteSuffix("网"), !words[0].hasByteSuffix("網") { meta.paper = String(words[0]) }
            if words.count == 2 { meta.section = String(words[1]) }
            return meta
        }
        return nil
    }

    /// Labels that web editions put in a row of page fields.
    static let fieldLabels: Set<String> = [
        "来源", "作者", "时间", "日期", "发布时间", "发布日期", "刊发日期", "发表时间", "发表于", "发布于", "更新时间", "阅读次数", "阅读", "浏览次数", "浏览",
        "点击数", "点击", "字号", "编辑", "责任编辑", "语音阅读", "版式", "传真", "Email", "E-mail", "电话", "值班版式总监", "美编", "校对",
    ]

    /// A row of two or more labelled fields (`作者: 来源:柚都平和 时间:2022-05-30`) where every
    /// label is a field name of web editions or production credits. The date and the source
    /// (as the paper) are page fields; the author field is not read (it holds editors' and
    /// sites' names as often as writers').
    static func labelledFields(_ text: String) -> PageMetadata? {
        guard text.hasSubstring(":") || text.hasSubstring("\u{FF1A}") else { return nil }
        // split into `label:value` pieces at each label
        let u = Array(text.unicodeScalars)
        var colons: [Int] = []
        for (k, c) in u.enumerated() where c == ":" || c == "\u{FF1A}" { colons.append(k) }
        // `发布日期: 2023年09月12日`: one date field alone is a row too
        // (a forum's buttons may stand before it: `只看楼主 倒序阅读 0 发表于: 1985-06-24`)
        if colons.count == 1, let c = colons.first {
            // the value first: it is a date or this is no such field (and most lines fail here)
            let value = Array(u[(c + 1)...].filter { $0 != " " })
            guard let (iso, end) = MastheadLine.date(in: value, from: 0), end == value.count else { return nil }
            let before = String(String.UnicodeScalarView(u[..<c])).trimmedSpaces()
            let label = before.split(separator: " ").last.map(String.init) ?? ""
            let lead = before.dropLast(label.count)
            guard label.hasByteSuffix("日期") || label.hasByteSuffix("时间") || label.hasByteSuffix("于"), fieldLabels.contains(label),
                  lead.unicodeScalars.count <= 20, !lead.unicodeScalars.contains(where: { Scalars.isSentenceFinal($0) || Scalars.isClauseOpen($0) }) else { return nil }
            return PageMetadata(date: iso)
        }
        guard colons.count >= 2 else { return nil }
        var fields: [(label: String, value: String)] = []
        var labelStart = 0
        for (n, colon) in colons.enumerated() {
            // the label is the word right before the colon
            var s = colon
            while s > labelStart, u[s - 1] != " " { s -= 1 }
            let label = String(String.UnicodeScalarView(u[s..<colon]))
            // what lies between the previous value and this label belongs to the previous value
            if n > 0 {
                fields[fields.count - 1].value = String(String.UnicodeScalarView(u[(colons[n - 1] + 1)..<s])).trimmedSpaces()
            } else if s > 0 {
                // text before the first label: only a date may stand there
                let lead = Array(u[..<s].filter { $0 != " " })
                guard let (iso, end) = MastheadLine.date(in: lead, from: 0), end == lead.count else { return nil }
                fields.append(("日期", iso))
                fields.append((label, ""))
                labelStart = colon + 1
                continue
            }
            fields.append((label, ""))
            labelStart = colon + 1
        }
        if let lastColon = colons.last { fields[fields.count - 1].value = String(String.UnicodeScalarView(u[(lastColon + 1)...])).trimmedSpaces() }
        let labelled = fields.filter { !$0.label.isEmpty }
        guard labelled.count >= 2, labelled.allSatisfy({ fieldLabels.contains($0.label) }) else { return nil }
        var meta = PageMetadata()
        for (label, value) in labelled {
            let v = Array(value.unicodeScalars)
            if label.hasByteSuffix("日期") || label.hasByteSuffix("时间"), meta.date == nil, !v.isEmpty,
               let (iso, _) = MastheadLine.date(in: v, from: 0) {
                meta.date = iso
            } else if label == "来源", (2...12).contains(v.count), v.allSatisfy(Scalars.isHan), !value.hasByteSuffix("网"), !value.hasByteSuffix("網") {
                // a site (`…网`) is no paper
                meta.paper = value
            }
        }
        return meta
    }
}

extension PageMetadata {
    /// Fills the fields this one lacks from `other`.
    mutating func fill(from other: PageMetadata) {
        if paper == nil { paper = other.paper }
        if date == nil { date = other.date }
        if edition == nil { edition = other.edition; if section == nil { section = other.section } }
        if section == nil { section = other.section }
        if issue == nil { issue = other.issue }
    }
}
