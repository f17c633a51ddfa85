/// What a page says about itself: masthead date, edition and section, issue number, paper.
public struct PageMetadata: Sendable, Equatable, Codable {
    public var paper: String?
    public var date: String?
    public var edition: String?
    public var section: String?
    public var issue: String?

    public init(paper: String? = nil, date: String? = nil, edition: String? = nil, section: String? = nil, issue: String? = nil) {
        self.paper = paper
        self.date = date
        self.edition = edition
        self.section = section
        self.issue = issue
    }
}

/// Recognisers for masthead lines. Each takes one whole line and answers only when the line
/// is nothing but that piece of furniture, so a date inside a sentence is never taken.
enum MastheadLine {
    /// Longest masthead line considered; longer lines are text.
    static let maxLength = 48

    /// A date written `2022年12月08日`, `2022-12-08`, `2022/12/8`, `2022.12.08` or in Chinese
    /// numerals (`二〇二二年十二月八日`), as (date in ISO form, scalar range end). Years 1900–2099.
    static func date(in u: [Unicode.Scalar], from start: Int) -> (iso: String, end: Int)? {
        if start + 1 < u.count, u[start] == "民", u[start + 1] == "国" || u[start + 1] == "國" { return minguoDate(in: u, from: start + 2) }
        if start < u.count, chineseDigit(u[start]) != nil { return chineseDate(in: u, from: start) }
        var i = start
        func number(maxDigits: Int) -> Int? {
            var v = 0, n = 0
            while i < u.count, n < maxDigits, let d = digitValue(u[i]) { v = v * 10 + d; n += 1; i += 1 }
            return n == 0 ? nil : v
        }
        guard let y = number(maxDigits: 4), y >= 1900, y <= 2099, i < u.count else { return nil }
        // `20260502`: eight digits, as crawls write it
        if i - start == 4, let m = number(maxDigits: 2), i - start == 6, let d = number(maxDigits: 2), i - start == 8,
           (1...12).contains(m), (1...31).contains(d), i == u.count || digitValue(u[i]) == nil {
            return (iso(y, m, d), i)
        }
        i = start + 4
        let sep = u[i]
        let hanStyle = sep == "年"
        let separators: Set<Unicode.Scalar> = ["-", "/", ".", "－", "／"]
        guard hanStyle || separators.contains(sep) else { return nil }
        i += 1
        guard let m = number(maxDigits: 2), (1...12).contains(m), i < u.count else { return nil }
        // `2026-08/21`: a crawl may mix the separators
        if hanStyle { guard u[i] == "月" else { return nil } } else { guard separators.contains(u[i]) else { return nil } }
        i += 1
        guard let d = number(maxDigits: 2), (1...31).contains(d) else { return nil }
        if hanStyle {
            guard i < u.count, u[i] == "日" || u[i] == "号" else { return nil }
            i += 1
        }
        return (iso(y, m, d), i)
    }

    /// `07:57:40`, `18:56` at `from`: where the time of day ends (`from` when there is none).
    static func timeOfDayEnd(in u: [Unicode.Scalar], from: Int) -> Int {
        var k = from
        while k < u.count, digitValue(u[k]) != nil || u[k] == ":" { k += 1 }
        return k - from >= 4 && u[from..<k].contains(":") ? k : from
    }

    /// `二〇二二年十二月八日`, `二〇二二年十二月八号`: the year digit by digit, month and day
    /// as numbers (`十二`, `二十八`).
    static func chineseDate(in u: [Unicode.Scalar], from start: Int) -> (iso: String, end: Int)? {
        guard start + 4 < u.count else { return nil }
        var y = 0
        for k in start..<(start + 4) {
            guard let d = chineseDigit(u[k]) else { return nil }
            y = y * 10 + d
        }
        guard (1900...2099).contains(y), u[start + 4] == "年" else { return nil }
        var i = start + 5
        func part(_ end: Set<Unicode.Scalar>, _ range: ClosedRange<Int>) -> Int? {
            let from = i
            while i < u.count, i - from <= 3, !end.contains(u[i]) { i += 1 }
            guard i < u.count, end.contains(u[i]), i > from,
                  let v = chineseNumber(Substring(String(String.UnicodeScalarView(u[from..<i]))).unicodeScalars),
                  range.contains(v) else { return nil }
            i += 1
            return v
        }
        guard let m = part(["月"], 1...12), let d = part(["日", "号"], 1...31) else { return nil }
        return (iso(y, m, d), i)
    }

    /// `民國九年四月十二日`, `民国112年3月7日`: the Republic of China's years (1912 = year 1), as
    /// Taiwan's papers and the mainland's before 1949 print them. `from` is after `民国`.
    static func minguoDate(in u: [Unicode.Scalar], from start: Int) -> (iso: String, end: Int)? {
        var i = start
        func number(until end: Unicode.Scalar, max: Int) -> Int? {
            let from = i
            while i < u.count, i - from <= 4, u[i] != end { i += 1 }
            guard i < u.count, u[i] == end, i > from else { return nil }
            let part = u[from..<i]
            i += 1
            if part.allSatisfy({ digitValue($0) != nil }) { return part.reduce(0) { $0 * 10 + digitValue($1)! } }
            return chineseNumber(Substring(String(String.UnicodeScalarView(part))).unicodeScalars).flatMap { $0 <= max ? $0 : nil }
        }
        guard let y = number(until: "年", max: 200), (1...188).contains(y), let m = number(until: "月", max: 12), (1...12).contains(m) else { return nil }
        let dayEnd: Unicode.Scalar = i < u.count && u[i...].prefix(4).contains("号") && !u[i...].prefix(4).contains("日") ? "号" : "日"
        guard let d = number(until: dayEnd, max: 31), (1...31).contains(d) else { return nil }
        return (iso(1911 + y, m, d), i)
    }

    @inline(__always)
    static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "零", "○": return 0
        case "一": return 1
        case "二": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        let mm = m < 10 ? "0\(m)" : "\(m)"
        let dd = d < 10 ? "0\(d)" : "\(d)"
        return "\(y)-\(mm)-\(dd)"
    }

    @inline(__always)
    static func digitValue(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: return Int(s.value - 0x30)
        case 0xFF10...0xFF19: return Int(s.value - 0xFF10)
        default: return nil
        }
    }

    /// Value of a Chinese numeral up to 9999 (`十一`, `一百二十`, `二〇二二`), or nil.
    static func chineseNumber(_ s: Substring.UnicodeScalarView) -> Int? {
        let digits: [Unicode.Scalar: Int] = ["零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let units: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1000, "廿": 20, "卅": 30]
        guard !s.isEmpty else { return nil }
        var total = 0, current = 0
        for c in s {
            if let d = digits[c] {
                current = current * 10 + d
            } else if let unit = units[c] {
                // 廿 and 卅 are twenty and thirty by themselves (`廿七` = 27)
                total += c == "廿" || c == "卅" ? unit : (current == 0 ? 1 : current) * unit
                current = 0
            } else {
                return nil
            }
        }
        return total + current
    }

    /// `第A11版:健康滁州·公益`, `A11版 健康滁州`, `第3版`, `第三版` → (edition, section?).
    static func edition(_ line: PageLine) -> (edition: String, section: String?)? {
        guard line.length <= maxLength, line.text.unicodeScalars.prefix(9).contains("版") else { return nil }
        let u = Array(line.text.unicodeScalars)
        guard let ban = u.firstIndex(of: "版"), ban > 0, ban <= 8 else { return nil }
        var start = 0
        if u[0] == "第" { start = 1 }
        let code = u[start..<ban].filter { !Scalars.isSpace($0) }
        guard !code.isEmpty, code.count <= 5 else { return nil }
        let edition: String
        if code.allSatisfy({ Scalars.isASCIIAlnum($0) || Scalars.isDigit($0) }), code.contains(where: { digitValue($0) != nil }) {
            edition = String(String.UnicodeScalarView(code.map { digitValue($0).map { Unicode.Scalar(UInt8(48 + $0)) } ?? $0 }))
        } else if chineseNumber(Substring(String(String.UnicodeScalarView(code))).unicodeScalars) != nil {
            // as printed (`第二版` → `二`), like the codes above keep their zeros
            edition = String(String.UnicodeScalarView(code))
        } else {
            return nil
        }
        var rest = u[(ban + 1)...].drop { Scalars.isSpace($0) || $0 == ":" || $0 == "\u{FF1A}" || Scalars.isDash($0) || $0 == "/" || $0 == "·" }
        while let last = rest.last, Scalars.isSpace(last) { rest = rest.dropLast() }
        // `第1版(要闻)`: the section in brackets
        if let f = rest.first, let l = rest.last, rest.count >= 2, Scalars.isOpener(f), Scalars.isCloser(l) { rest = rest.dropFirst().dropLast() }
        let section = rest.isEmpty ? nil : String(String.UnicodeScalarView(rest))
        if let section, section.unicodeScalars.contains(where: Scalars.isSentenceFinal) { return nil }
        return (edition, section)
    }

    /// A line that is only a date, perhaps with a weekday or lunar date: `2022年12月08日 星期四`.
    static func dateOnly(_ line: PageLine) -> String? {
        guard let m = masthead(line), m.edition == nil, m.paper == nil else { return nil }
        return m.date
    }

    /// Weekday and lunar-calendar words that travel with a masthead date.
    static let calendarWords: ScalarSet = ["星", "期", "周", "礼", "拜", "日", "天", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "农", "历", "正", "腊", "冬", "月", "初", "廿", "年", "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥", " ", "(", ")", "\u{FF08}", "\u{FF09}", ",", "\u{FF0C}"]

    static func isCalendarNote<S: Sequence<Unicode.Scalar>>(_ s: S) -> Bool {
        s.allSatisfy { calendarWords.contains($0) }
    }

    /// `当前版:04版`: the label an e-paper sets before the edition of the page shown.
    static let currentPageLabels = ["当前版面", "当前版", "当前版次"]

    static func isCurrentPage(_ line: PageLine) -> Bool {
        currentPageLabels.contains { line.text.hasBytePrefix($0) }
    }

    /// A masthead line: a date (with weekday or lunar date), an edition with its section, or
    /// both on one line in either order (`2022年12月08日 第3版:要闻`, `第03版:要闻 2022年12月08日
    /// 星期四`), perhaps led by the paper's name (`人民日报 2023年05月10日 星期三 第01版:要闻`).
    /// Nothing else may be on the line, so a date inside a sentence is never taken.
    static func masthead(_ line: PageLine) -> PageMetadata? {
        guard line.length <= maxLength,
              line.text.hasSubstring("版") || line.text.hasSubstring("年") || line.text.anyByte({ $0 >= 0x30 && $0 <= 0x39 }) ||
              line.text.unicodeScalars.contains(where: { $0.value >= 0xFF10 && $0.value <= 0xFF19 }) else { return nil }
        // a masthead in brackets (`【第1版:要闻】`), or as labelled fields (`版次:A01 版名:要闻`)
        if let first = line.text.unicodeScalars.first, let last = line.text.unicodeScalars.last,
           Scalars.isOpener(first), Scalars.isCloser(last), line.length > 4 {
            let inner = String(String.UnicodeScalarView(line.text.unicodeScalars.dropFirst().dropLast())).trimmedSpaces()
            return masthead(PageLine(text: inner, number: line.number, gap: line.gap))
        }
        // `当前版:01版`: an e-paper's label for the page shown
        for label in currentPageLabels where line.text.hasBytePrefix(label) {
            let rest = line.text.dropFirst(label.count).drop { $0 == ":" || $0 == "\u{FF1A}" || $0 == " " }
            guard rest.count < line.text.count - label.count else { break }
            return masthead(PageLine(text: String(rest), number: line.number, gap: line.gap))
        }
        if line.text.hasSubstring("版次") || line.text.hasSubstring("版名") || line.text.hasSubstring("版号") {
            return labelledEdition(line.text)
        }
        let u = Array(line.text.unicodeScalars)
        var found: (iso: String, start: Int, end: Int)?
        for s in u.indices where digitValue(u[s]) != nil || chineseDigit(u[s]) != nil || u[s] == "民" {
            if s > 0, digitValue(u[s - 1]) != nil || chineseDigit(u[s - 1]) != nil { continue }
            if let (iso, end) = date(in: u, from: s) {
                // `中华民国二十八年…`: the country's name before the era belongs to the date
                var start = s
                if s >= 2, u[s] == "民", u[s - 2] == "中", u[s - 1] == "华" || u[s - 1] == "華" { start = s - 2 }
                found = (iso, start, end)
                break
            }
        }
        // without a date only an edition (`版`), a section after a colon or a lunar date (`年`…`月`)
        // makes a masthead: a caption or a sentence with numbers in it is refused here, before
        // it is cut into words
        if found == nil, !line.text.hasSubstring("版"), !(line.text.hasSubstring("年") && line.text.hasSubstring("月")),
           !u.contains(where: { $0 == ":" || $0 == "\u{FF1A}" }) {
            return nil
        }
        var rest = u
        if let found { rest = Array(u[..<found.start]) + [" "] + Array(u[found.end...]) }
        var words = rest.split { $0 == " " || $0 == "|" || $0 == "\u{FF5C}" }.map { String(String.UnicodeScalarView($0)) }
        // separators between the parts (`2023.05.10 / 第A03版 / 经济`)
        // separators between the parts, and brackets left around a date (`[2023.03.07] 發表`)
        words.removeAll { $0.unicodeScalars.allSatisfy { $0 == "/" || $0 == "\u{FF0F}" || Scalars.isDash($0) || $0 == "·" || Scalars.isOpener($0) || Scalars.isCloser($0) } }
        // production credits printed on the masthead line end it (`… 责任编辑:张三`)
        if let credit = words.firstIndex(where: { Furniture.isEditorCredit(PageLine(text: $0, number: 0, gap: 0)) }) {
            words.removeSubrange(credit...)
        }
        // the paper's name leads: any name when date and edition follow, else one named as a paper
        var paper: String?
        if let first = words.first, words.count > 1 || found != nil, !isCalendarNote(first.unicodeScalars) {
            let framed = found != nil && words.count > 1
            if let name = paperName(first) ?? (framed && FounderTrailer.isPaperName(first) ? first : nil) {
                paper = name
                words.removeFirst()
            }
        }
        // a weekday or lunar date may stand anywhere around the date
        while let first = words.first, isCalendarNote(first.unicodeScalars) { words.removeFirst() }
        // `>2018-09-14编印`: the word of printing after the date
        if found != nil { words.removeAll { $0.utf8.elementsEqual("编印".utf8) || $0.utf8.elementsEqual("出版".utf8) || $0 == ">" || $0 == "\u{FF1E}" } }
        // `综合*新闻总第3307期`: an issue number fused to the section
        if found != nil, let k = words.indices.last, words[k].hasByteSuffix("期"), let at = words[k].utf8Offset(of: "总第"), at > 0 {
            let cut = words[k].utf8.index(words[k].utf8.startIndex, offsetBy: at)
            let number = words[k][cut...].dropFirst(2).dropLast()
            if !number.isEmpty, number.allSatisfy(\.isASCIIDigitLike) {
                words.append(String(words[k][cut...]))
                words[k] = String(words[k][..<cut])
            }
        }
        // the issue number travels with the date (`2005.01.01 第01264期`)
        var issueNumber: String?
        if found != nil, let k = words.firstIndex(where: { issue(PageLine(text: $0, number: line.number, gap: 0)) != nil }) {
            issueNumber = issue(PageLine(text: words[k], number: line.number, gap: 0))
            words.remove(at: k)
        }
        // `1886 期 / 第2版:2`: a bare issue number before the edition
        if let k = words.firstIndex(where: { w in w.hasByteSuffix("期") && w.count > 1 && w.dropLast().allSatisfy(\.isASCIIDigitLike) }) {
            issueNumber = String(words[k].dropLast())
            words.remove(at: k)
        } else if let k = words.indices.dropLast().first(where: { words[$0 + 1].utf8.elementsEqual("期".utf8) && !words[$0].isEmpty && words[$0].allSatisfy(\.isASCIIDigitLike) }) {
            issueNumber = words[k]
            words.removeSubrange(k...(k + 1))
        }
        if words.isEmpty {
            // a line of only a lunar date and a weekday (`庚申年二月廿四日 星期一`) is masthead too
            guard let found else { return line.text.hasSubstring("年") && line.text.hasSubstring("月") ? PageMetadata(paper: paper) : nil }
            return PageMetadata(paper: paper, date: found.iso, issue: issueNumber)
        }
        let joined = words.joined(separator: " ")
        guard let (edition, section) = edition(PageLine(text: joined, number: line.number, gap: line.gap))
                ?? (found != nil || joined.unicodeScalars.contains(where: { $0 == ":" || $0 == "\u{FF1A}" }) ? bareEdition(joined) : nil) else {
            // a full date and one short word (`北京 2023年5月10日`) is still the masthead's date:
            // as a headline it would glue the date to the real one below
            if let found, words.count == 1, (1...6).contains(joined.unicodeScalars.count),
               joined.unicodeScalars.allSatisfy(Scalars.isHan) {
                return PageMetadata(paper: paper, date: found.iso)
            }
            return nil
        }
        // a weekday printed after the section belongs to the date; a number in the section's
        // slot (`第2版:2`) is an empty slot's filler, no section
        var sectionWords = section.map { $0.split(separator: " ") } ?? []
        if sectionWords.count == 1, sectionWords[0].allSatisfy(\.isASCIIDigitLike) { sectionWords = [] }
        if found != nil { while let last = sectionWords.last, isCalendarNote(last.unicodeScalars) { sectionWords.removeLast() } }
        return PageMetadata(paper: paper, date: found?.iso, edition: edition,
                            section: sectionWords.isEmpty ? nil : sectionWords.joined(separator: " "), issue: issueNumber)
    }

    /// `版次:A01 版名:要闻` (and `版号`), as database exports label them; with a date when one
    /// is there too.
    static func labelledEdition(_ text: String) -> PageMetadata? {
        func field(_ labels: [String]) -> String? {
            for label in labels {
                guard let at = text.utf8Offset(of: label) else { continue }
                let after = text.utf8.index(text.utf8.startIndex, offsetBy: at + label.utf8.count)
                let value = text[after...].drop { $0 == ":" || $0 == "\u{FF1A}" || $0 == " " }.prefix { $0 != " " }
                if !value.isEmpty { return String(value) }
            }
            return nil
        }
        guard var edition = field(["版次", "版号"]) else { return nil }
        if edition.hasBytePrefix("第") { edition.removeFirst() }
        if edition.hasByteSuffix("版") { edition.removeLast() }
        guard (1...5).contains(edition.count), edition.unicodeScalars.allSatisfy({ Scalars.isASCIIAlnum($0) || chineseDigit($0) != nil || $0 == "十" }) else {
            return nil
        }
        var meta = PageMetadata(edition: edition, section: field(["版名"]))
        let u = Array(text.unicodeScalars)
        for s in u.indices where digitValue(u[s]) != nil {
            if let (iso, _) = date(in: u, from: s) { meta.date = iso; break }
        }
        return meta
    }

    /// `A3 要闻`, `B07 经济`: an edition code without `版`, believed only beside a date.
    static func bareEdition(_ text: String) -> (edition: String, section: String?)? {
        // `A01:要闻` reads as `A01 要闻`
        let words = text.split { $0 == " " || $0 == ":" || $0 == "\u{FF1A}" }
        guard let code = words.first, (2...4).contains(code.count),
              let letter = code.unicodeScalars.first, ("A"..."Z").contains(letter),
              code.unicodeScalars.dropFirst().allSatisfy({ ("0"..."9").contains($0) }), words.count <= 3 else { return nil }
        let section = words.dropFirst().joined(separator: " ")
        guard !section.unicodeScalars.contains(where: { Scalars.isSentenceFinal($0) || Scalars.isClauseOpen($0) }) else { return nil }
        return (String(code), section.isEmpty ? nil : section)
    }

    /// A paper's name where a masthead or citation line prints it: Han only, perhaps in
    /// `《》`, and named as a paper (`…报`, `…报海外版`, `…刊`). The suffix test keeps a
    /// section word or a place before a date from being taken for the paper.
    static func paperName(_ word: String) -> String? {
        var t = Substring(word)
        if t.hasBytePrefix("《"), t.hasByteSuffix("》") { t = t.dropFirst().dropLast() }
        let name = String(t).trimmedSpaces()
        guard FounderTrailer.isPaperName(name), name.hasSubstring("报") || name.hasByteSuffix("刊") else { return nil }
        return name
    }

    /// A citation line under an article or at the page's foot, as web editions print them:
    /// `《 人民日报 》( 2023年05月10日 01 版)`, `《光明日报》(2021年06月01日 05版)`.
    static func citation(_ line: PageLine) -> PageMetadata? {
        guard line.length <= maxLength, line.text.hasBytePrefix("《"), let close = line.text.firstIndex(of: "》") else { return nil }
        guard let paper = paperName(String(line.text[...close])) else { return nil }
        var rest = Substring(line.text[line.text.index(after: close)...]).trimmingPrefix(while: { $0 == " " })
        guard let open = rest.first, open == "(" || open == "\u{FF08}",
              let last = rest.last, last == ")" || last == "\u{FF09}" else { return nil }
        rest = rest.dropFirst().dropLast()
        guard var inner = masthead(PageLine(text: String(rest).trimmedSpaces(), number: line.number, gap: line.gap)) else { return nil }
        inner.paper = paper
        return inner
    }

    /// `第171期`, `总第3021期`, `第 12 期` → "171".
    static func issue(_ line: PageLine) -> String? {
        guard line.length <= 16, line.text.hasBytePrefix("第") || line.text.hasBytePrefix("总") else { return nil }
        var t = Substring(line.text)
        if t.hasBytePrefix("总") { t = t.dropFirst() }
        guard t.hasBytePrefix("第"), t.hasByteSuffix("期") else { return nil }
        let inner = t.dropFirst().dropLast().filter { $0 != " " }
        if !inner.isEmpty, inner.unicodeScalars.allSatisfy({ digitValue($0) != nil }) {
            return String(inner.unicodeScalars.map { Character(Unicode.Scalar(UInt8(48 + digitValue($0)!))) })
        }
        if let n = chineseNumber(Substring(inner).unicodeScalars) { return String(n) }
        return nil
    }
}

extension Character {
    /// `0`–`9`, ASCII or full-width.
    var isASCIIDigitLike: Bool {
        unicodeScalars.count == 1 && MastheadLine.digitValue(unicodeScalars.first!) != nil
    }
}
