/// The forms in which Chinese papers credit writers, reporters and photographers:
/// `□葛志娟`, `本报记者 索朗琼珠`, `记者 张三 通讯员 李四`, `文/图 王五`, a bare `王宇`,
/// `本报拉萨讯(记者 孙文娟 通讯员 刘团飞)…`, `本报记者 孙文娟 摄`, `…。徐海燕 摄`,
/// `(作者系…)`. Role words are journalism vocabulary common to all papers.
enum Bylines {
    /// Role words, longest first so that `本报记者` wins over `记者`.
    static let roles: [String] = [
        "本报特约记者", "本报见习记者", "本报实习记者", "本报特约通讯员", "本报通讯员", "本报记者", "本刊记者", "特约记者", "见习记者",
        "实习记者", "特约通讯员", "融媒体记者", "全媒体记者", "新华社记者", "中新社记者", "首席记者", "通讯员", "实习生", "记者",
        "本报特约评论员", "本报评论员", "特约评论员", "评论员", "特约撰稿人", "特约撰稿", "撰稿", "撰文", "摄影记者", "摄影", "文与图/", "图与文/", "文/图", "文\u{FF0F}图", "图/文", "图\u{FF0F}文", "文图", "文/", "文\u{FF0F}", "图/", "图\u{FF0F}", "作者",
    ]
    /// The closing words with the space before them, for byte suffix tests.
    static let spacedTrailers: [(String, Int)] = trailers.map { (" " + $0, $0.count + 1) }

    /// The closing word (with its space) that `text` ends in, and its length in characters.
    static let trailerEnds = ScalarSet(trailers.compactMap(\.unicodeScalars.last))

    static func spacedTrailer<S: StringProtocol>(_ text: S) -> Int? {
        guard let last = text.unicodeScalars.last, trailerEnds.contains(last) else { return nil }
        for (t, n) in spacedTrailers where text.hasByteSuffix(t) { return n }
        return nil
    }

    /// Words that may close a byline: `… 报道`, `… 摄`, `… 整理`.
    static let trailers: [String] = ["联合报道", "报道", "报导", "整理", "整合", "摄影", "摄", "文/图", "文\u{FF0F}图", "图/文", "图\u{FF0F}文", "文图", "文", "供稿", "供图", "撰文", "采写", "执笔"]

    /// Roles that name no person: an editorial is signed by the paper's commentator.
    static let anonymousRoles = WordsByFirst(["本报特约评论员", "本报评论员", "特约评论员", "评论员"])

    /// Open marks set before a bare name (`□葛志娟`); filled marks also open boxed labels
    /// (`■导读`), so after one of them only a role word makes a byline (`■本报记者 张三`).
    static let boxMarks: ScalarSet = ["□", "◇", "○", "◎", "◆"]
    static let filledMarks: ScalarSet = ["■", "●", "▲", "★", "▶", "►"]

    /// Role words that an outlet's name may precede: `扬子晚报记者`, `新京报首席记者`,
    /// `县融媒体中心通讯员`.
    static let staffRoles: [String] = ["记者", "通讯员", "评论员", "实习生", "撰稿人"]

    /// Length of the role word at the start of `s`: one of `roles`, or an outlet's name of
    /// 2–12 Han characters fused to a staff role (`扬子晚报记者`), ending at a space or a name.
    static let roleIndex = WordsByFirst(roles)

    static func roleLength(_ s: Substring) -> Int? {
        if let role = roleIndex.prefix(of: s) { return role.count }
        // a fused role ends in one of these; only there is the prefix read as a string
        var n = 0
        var best: Int?
        for c in s.unicodeScalars.prefix(16) {
            guard Scalars.isHan(c) else { break }
            n += 1
            guard n >= 4, c == "者" || c == "员" || c == "生" || c == "人" else { continue }
            let head = String(String.UnicodeScalarView(s.unicodeScalars.prefix(n)))
            for role in staffRoles where head.hasByteSuffix(role) {
                let outlet = head.dropLast(role.count)
                if outlet.count >= 2, outlet.count <= 12, isOutletName(outlet) { best = n }
            }
        }
        return best
    }

    /// The name of a paper, agency, broadcaster or media centre, judged by the word that
    /// ends it (so `我们都是记者` is no role).
    static func isOutletName(_ s: Substring) -> Bool {
        // `海南日报全媒体`, `县融媒体`: a paper's multimedia desk
        outletEnds.contains { s.hasByteSuffix($0) }
    }

    static let outletEnds = ["报", "社", "台", "网", "刊", "中心", "频道", "媒体"]

    /// `王小明/台北报导` → `王小明`: the place a report was filed from, as Taiwan papers print it.
    static func withoutPlaceOfReport(_ chunk: Substring) -> Substring {
        // on scalars: a backwards walk over Characters finds grapheme breaks the slow way
        guard let slash = chunk.unicodeScalars.lastIndex(where: { $0 == "/" || $0 == "\u{FF0F}" }) else { return chunk }
        let tail = chunk[chunk.unicodeScalars.index(after: slash)...].filter { $0 != " " }
        guard ["报导", "报道", "电", "综合报导", "连线报导"].contains(where: { tail.hasByteSuffix($0) }),
              (3...10).contains(tail.count), tail.unicodeScalars.allSatisfy(Scalars.isHan) else { return chunk }
        var head = chunk[..<slash]
        while head.last == " " { head = head.dropLast() }
        return head
    }

    /// Splits `a b、c,d` into name tokens and checks each one.
    /// Each token is checked as it is cut (at most six), so a line of prose is refused at
    /// its first word instead of being split whole.
    static func nameTokens(_ s: Substring, requireSurname: Bool) -> [String]? {
        // two-character names are set with a space to line up with three-character ones
        // (`王　芳 李小明`): rejoin runs of two or three lone characters first
        if s.utf8.count > 4, hasLoneCharacter(s) {
            let joined = joinSpacedNames(s)
            if joined.utf8.count != s.utf8.count { return nameTokens(Substring(joined), requireSurname: requireSurname) }
        }
        var out: [String] = []
        let u = s.unicodeScalars
        var start = u.startIndex
        func take(_ end: String.Index) -> Bool {
            guard start < end else { return true }   // empty tokens are skipped
            let t = s[start..<end]
            guard out.count < 6, requireSurname ? Surnames.isPersonName(t) : isLooseName(t) else { return false }
            out.append(String(t))
            return true
        }
        var i = u.startIndex
        while i < u.endIndex {
            if isNameSeparator(u[i]) {
                guard take(i) else { return nil }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        guard take(u.endIndex), !out.isEmpty else { return nil }
        return out
    }

    /// What separates the names of a byline: `a b、c,d;e`.
    @inline(__always)
    static func isNameSeparator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case " ", "、", ",", "\u{FF0C}", ";", "\u{FF1B}": return true
        default: return false
        }
    }

    /// A Han character standing alone between spaces (or the ends): the cheap test before
    /// `joinSpacedNames`.
    static func hasLoneCharacter(_ s: Substring) -> Bool {
        var before: Unicode.Scalar = " ", current: Unicode.Scalar = " "
        for c in s.unicodeScalars {
            if c == " ", before == " ", Scalars.isHan(current) { return true }
            (before, current) = (current, c)
        }
        return before == " " && Scalars.isHan(current)
    }

    /// `王 芳 李小明` → `王芳 李小明`: runs of two or three single Han characters between
    /// spaces become one name; longer runs are letter-spaced words and stay as they are.
    static func joinSpacedNames(_ s: Substring) -> String {
        let tokens = s.split(separator: " ")
        var out: [String] = []
        var i = 0
        while i < tokens.count {
            var j = i
            while j < tokens.count, tokens[j].unicodeScalars.count == 1, tokens[j].unicodeScalars.allSatisfy(Scalars.isHan) { j += 1 }
            if (2...3).contains(j - i) {
                out.append(tokens[i..<j].joined())
                i = j
            } else if j - i > 3 {
                out += tokens[i..<j].map(String.init)
                i = j
            } else {
                out.append(String(tokens[i]))
                i += 1
            }
        }
        return out.joined(separator: " ")
    }

    /// A name after a role word: 2–4 Han (5 for some minority names), or a dotted name.
    static func isLooseName(_ t: Substring) -> Bool {
        let u = t.unicodeScalars
        if u.contains("·") { return Surnames.isPersonName(t) }
        return (2...5).contains(u.count) && u.allSatisfy(Scalars.isHan)
    }

    /// Removes role words and closing words, then reads the names: `本报记者 张三 通讯员 李四 报道`.
    static func creditedNames(_ text: String) -> [String]? {
        var rest = Substring(text)
        var names: [String] = []
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == ":" || $0 == "\u{FF1A}" || $0 == "/" || $0 == "\u{FF0F}" }
            if let n = roleLength(rest) {
                rest = rest.dropFirst(n)
                continue
            }
            // the names run to the next role word
            // (on scalars: only a position after a space is tried)
            var end = rest.endIndex
            var previous: Unicode.Scalar = "x"
            for i in rest.unicodeScalars.indices {
                if previous == " ", roleLength(rest[i...]) != nil {
                    end = i
                    break
                }
                previous = rest.unicodeScalars[i]
            }
            var chunk = rest[..<end]
            while chunk.last == " " { chunk = chunk.dropLast() }
            if let n = spacedTrailer(chunk) { chunk = chunk.dropLast(n) }
            chunk = withoutPlaceOfReport(chunk)
            guard let found = nameTokens(chunk, requireSurname: false) else { return nil }
            names += found
            rest = rest[end...]
        }
        return names.isEmpty ? nil : names
    }

    /// An explicit byline line: a box mark or a role word, then names (`本报记者 张三`); names
    /// then a closing word (`张三 文/图`, `张三 李四 报道`); or an anonymous role alone
    /// (`本报评论员`, which gives no names).
    static func byline(_ line: PageLine) -> [String]? {
        guard line.length <= 40, var first = line.text.unicodeScalars.first else { return nil }
        var text = line.text
        // a signature in brackets at the end of the text: `(记者 张三)`, `(新华社记者 李四)`
        if first == "(" || first == "\u{FF08}", let last = text.unicodeScalars.last, last == ")" || last == "\u{FF09}" {
            let inner = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst().dropLast())).trimmedSpaces()
            // `（本报海口7月22日讯）` signs off the text above: a dateline with nothing after it
            if let (names, start) = dateline(inner), start == inner.endIndex { return names }
            guard let f = inner.unicodeScalars.first, roleLength(Substring(inner)) != nil else { return nil }
            text = inner
            first = f
        }
        if boxMarks.contains(first) || filledMarks.contains(first) {
            text = String(text.unicodeScalars.dropFirst()).trimmedSpaces()
            if filledMarks.contains(first), roleIndex.prefix(of: text) == nil { return nil }
        }
        if anonymousRoles.contains(text) { return [] }
        if boxMarks.contains(first) { return creditedNames(text) }
        if let n = roleLength(Substring(text)) {
            if isCredit(text) { return nil }
            // a role word alone (`本报记者`, `新华社记者`): the byline of a writer left unnamed
            return n == text.count ? [] : creditedNames(text)
        }
        // `半月谈记者 史卫燕`: a staff role after a name the outlet list does not know, then
        // names that read as persons' names
        if text.containsASCII(0x20), text.hasSubstring("记者 ") || text.hasSubstring("通讯员 "), let space = text.firstIndex(of: " "), case let role = text[..<space],
           (3...10).contains(role.count), role.hasByteSuffix("记者") || role.hasByteSuffix("通讯员"), role.unicodeScalars.allSatisfy(Scalars.isHan),
           let names = nameTokens(text[text.index(after: space)...], requireSurname: true), !names.isEmpty {
            return names
        }
        // names first: only with a closing word, and only real-looking names
        guard let n = spacedTrailer(text), !isCredit(text) else { return nil }
        return nameTokens(Substring(text).dropLast(n), requireSurname: true)
    }

    /// The head line a crawl wrote its note onto (`辽宁省委书记 许昆林`, `游劝荣`, `陆军党委`):
    /// a byline, names after a position, or a short signature that names no person.
    static func signature(_ line: PageLine) -> [String]? {
        if let names = byline(line) ?? bareNames(line) { return names }
        guard line.length <= 24, !line.text.unicodeScalars.contains(where: { Scalars.isSentenceFinal($0) || Scalars.isClauseOpen($0) }) else {
            return nil
        }
        let tokens = line.text.split(separator: " ")
        if tokens.count >= 2, tokens.count <= 4, let last = tokens.last, Surnames.isPersonName(last) { return [String(last)] }
        return line.length <= 12 ? [] : nil
    }

    /// A signature set after the last sentence of the text, apart from it by spaces
    /// (`…作出相应处理。　　孙丽`, `…服务。(林秀贝)`): the names and the text without them.
    static func trailingSignature(_ paragraph: String) -> (text: String, names: [String])? {
        guard paragraph.hasSubstring(" ") || paragraph.hasByteSuffix(")") || paragraph.hasByteSuffix("\u{FF09}") else { return nil }
        let u = Array(paragraph.unicodeScalars)
        guard let stop = u.lastIndex(where: { Scalars.isSentenceFinal($0) }), stop > 0, u.count - stop <= 16 else { return nil }
        var tail = String(String.UnicodeScalarView(u[(stop + 1)...])).trimmedSpaces()
        // a closing quote or bracket of the sentence itself is not the signature
        guard !tail.isEmpty, u[stop + 1] == " " || tail.hasBytePrefix("(") || tail.hasBytePrefix("\u{FF08}") else { return nil }
        var penName: [String]?
        if let inner = Shape.insideBrackets(Substring(tail)) {
            tail = String(inner).trimmedSpaces()
            // `…曙光呢！　（木）`: a pen name in brackets, set apart by a space, signs the piece
            if u[stop + 1] == " ", (1...4).contains(tail.unicodeScalars.count), tail.unicodeScalars.allSatisfy(Scalars.isHan),
               !tail.unicodeScalars.contains(where: notInPenNames.contains) {
                penName = [tail]
            }
        }
        let line = PageLine(text: tail, number: 0, gap: 0)
        guard let names = byline(line) ?? bareNames(line) ?? penName, !names.isEmpty else { return nil }
        return (String(String.UnicodeScalarView(u[...stop])), names)
    }

    /// A dateline that closes the text instead of opening it (`…拉齐米说。新华社耶路撒冷4月29日电`,
    /// or on a line of its own): the text without it, or nil.
    static func closingDateline(_ paragraph: String) -> String? {
        guard paragraph.hasByteSuffix("电") || paragraph.hasByteSuffix("讯") else { return nil }
        let u = Array(paragraph.unicodeScalars)
        let stop = u.lastIndex(where: { Scalars.isSentenceFinal($0) || Scalars.isCloser($0) }).map { $0 + 1 } ?? 0
        guard u.count - stop <= 24 else { return nil }
        let tail = String(String.UnicodeScalarView(u[stop...])).trimmedSpaces()
        guard let (_, start) = dateline(tail), start == tail.endIndex else { return nil }
        return String(String.UnicodeScalarView(u[..<stop])).trimmedSpaces()
    }

    /// Where the text was first printed, set after it (`…传奇。（刊于《半月谈》2019年第24期）`,
    /// `（原载《人民日报》）`): the text without it, or nil.
    static func closingSourceNote(_ paragraph: String) -> String? {
        guard paragraph.hasByteSuffix(")") || paragraph.hasByteSuffix("\u{FF09}") else { return nil }
        let u = Array(paragraph.unicodeScalars)
        guard let open = u.lastIndex(where: { $0 == "(" || $0 == "\u{FF08}" }), u.count - open <= 40 else { return nil }
        let inner = String(String.UnicodeScalarView(u[(open + 1)..<(u.count - 1)])).trimmedSpaces()
        guard ["刊于", "刊於", "原载", "原載", "原刊", "转载自", "轉載自", "本文来源", "来源："].contains(where: { inner.hasBytePrefix($0) }),
              inner.hasSubstring("《") else { return nil }
        return String(String.UnicodeScalarView(u[..<open])).trimmedSpaces()
    }

    /// A bare name line (`王宇`, `王长新 李敏`): only meaningful right under a headline.
    static func bareNames(_ line: PageLine) -> [String]? {
        guard line.length <= 20,
              let first = line.text.unicodeScalars.first(where: { !isNameSeparator($0) }) else { return nil }
        // a name opens with a family name or a Tibetan opener, or is a transliteration with a
        // middle dot: any other line is refused before it is cut into tokens
        guard Surnames.single.contains(first) || Surnames.multiFirst.contains(first)
                || line.text.unicodeScalars.contains(where: { $0 == "·" || $0 == "•" }) else { return nil }
        return nameTokens(Substring(line.text), requireSurname: true)
    }

    /// `（丹翁）`, or `（馬二` / `先生）` over two lines: a pen name in brackets under the
    /// headline, as papers of the 1920s–40s sign. Returns the name and the line after it.
    /// Series marks (`（上）`, `（续完）`, `（之二）`) are no names.
    static func penName(_ lines: [PageLine], at j: Int) -> (names: [String], end: Int)? {
        guard j < lines.count, lines[j].length <= 8, let open = lines[j].text.unicodeScalars.first, open == "(" || open == "\u{FF08}" else { return nil }
        var text = lines[j].text
        var end = j + 1
        if let last = text.unicodeScalars.last, last != ")" && last != "\u{FF09}" {
            guard end < lines.count, lines[end].gap == 0, lines[end].length <= 6,
                  let close = lines[end].text.unicodeScalars.last, close == ")" || close == "\u{FF09}" else { return nil }
            text += lines[end].text
            end += 1
        }
        let inner = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst().dropLast()))
        let u = inner.unicodeScalars
        guard (2...6).contains(u.count), u.allSatisfy(Scalars.isHan),
              !u.allSatisfy({ "上中下续續完之待一二三四五六七八九十".unicodeScalars.contains($0) }),
              !u.contains(where: notInPenNames.contains) else { return nil }
        return ([inner], end)
    }

    /// Marks of a continuation or a picture (`（续完）`, `（图）`, `（摄）`): no pen name holds them.
    static let notInPenNames = ScalarSet("续續完图圖摄攝".unicodeScalars)

    /// `─香港‧成苜暘`, `──嘉義‧汪月`: a reader's or contributor's signature that closes a
    /// letter: dashes, a place, a middle dot and the name.
    static func dashedSignature(_ line: PageLine) -> [String]? {
        guard line.length <= 18, let first = line.text.unicodeScalars.first, Scalars.isDash(first) else { return nil }
        let rest = Substring(Shape.stripLeadingDashes(line.text))
        guard let dot = rest.lastIndex(where: { $0 == "‧" || $0 == "·" || $0 == "・" || $0 == "•" }) else { return nil }
        let place = rest[..<dot], name = rest[rest.index(after: dot)...]
        guard (1...10).contains(place.count), place.unicodeScalars.allSatisfy({ Scalars.isHan($0) || $0 == " " }),
              (2...4).contains(name.count), name.unicodeScalars.allSatisfy(Scalars.isHan) else { return nil }
        return [String(name)]
    }

    /// `生活快门 守著残破家园 图/晞林` → (`生活快门 守著残破家园`, [`晞林`]): a headline line that
    /// ends in a picture credit after a space.
    static func trailingPictureCredit(_ text: String) -> (String, [String])? {
        guard let space = text.unicodeScalars.lastIndex(of: " ") else { return nil }
        let tail = text[text.unicodeScalars.index(after: space)...]
        guard let prefix = ["图/", "图\u{FF0F}", "摄影/", "摄影\u{FF0F}"].first(where: { tail.hasBytePrefix($0) }),
              let names = nameTokens(tail.dropFirst(prefix.count), requireSurname: false), !names.isEmpty else { return nil }
        let title = String(text[..<space]).trimmedSpaces()
        return title.count >= 2 ? (title, names) : nil
    }

    /// `登龍先生：`, `各位读者：`: a letter's salutation, the first line of its text.
    static func isSalutation(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last, last == ":" || last == "\u{FF1A}", text.unicodeScalars.count <= 12 else { return false }
        let name = text.unicodeScalars.dropLast()
        return ["先生", "女士", "小姐", "同志", "老师", "读者", "朋友", "朋友们", "诸君", "同学们", "编辑"].contains { String(String.UnicodeScalarView(name)).hasByteSuffix($0) }
    }

    static func isCredit(_ text: String) -> Bool {
        text.hasByteSuffix("摄") || text.hasByteSuffix("摄影") || text.hasBytePrefix("摄影") || text.hasBytePrefix("图/") || text.hasBytePrefix("图\u{FF0F}")
    }

    /// A standalone photo credit: `本报记者 孙文娟 摄`, `孙文娟 摄`, `摄影 张三`, `图/张三`.
    /// `徐 慧摄（影像中国）` → `徐 慧摄`: the agency a credit names after the photographer.
    static func withoutCreditSource(_ text: String) -> String {
        guard let last = text.unicodeScalars.last, last == ")" || last == "\u{FF09}",
              let r = text.range(of: "摄（") ?? text.range(of: "摄("), text.distance(from: r.upperBound, to: text.endIndex) <= 12 else { return text }
        return String(text[..<text.index(after: r.lowerBound)])
    }

    static func credit(_ line: PageLine) -> [String]? {
        let stripped = withoutCreditSource(line.text)
        if stripped.utf8.count != line.text.utf8.count { return credit(PageLine(text: stripped, number: line.number, gap: line.gap)) }
        if line.length <= 18, isNamelessCredit(line.text) { return [] }
        guard line.length <= 40, isCredit(line.text) else { return nil }
        if line.text.hasByteSuffix("摄"), !line.text.hasByteSuffix(" 摄"), !line.text.hasByteSuffix("/摄"),
           !line.text.hasByteSuffix("\u{FF0F}摄"), !line.text.hasByteSuffix("摄影") {
            // `徐 慧摄`: fused to a name only when what precedes reads as a person's name
            return nameTokens(Substring(line.text).dropLast(), requireSurname: true)
        }
        var t = line.text
        for suffix in [" 摄", "/摄", "\u{FF0F}摄", "摄影", "摄"] where t.hasByteSuffix(suffix) {
            t = String(t.dropLast(suffix.count))
            break
        }
        t = t.trimmedSpaces()
        if t.hasByteSuffix("/") || t.hasByteSuffix("\u{FF0F}") { t = String(t.dropLast()).trimmedSpaces() }
        if let names = creditedNames(t) { return names }
        return nil
    }

    /// A caption that ends in its credit: `…贡献力量。徐海燕 摄` → (caption, names).
    static func trailingCredit(_ line: PageLine) -> (caption: String, names: [String])? {
        let t = line.text
        guard line.length > 8, t.hasByteSuffix("摄") else { return nil }
        let u = Array(t.unicodeScalars)
        // the caption ends at the last sentence-final mark (or closing bracket) before the credit
        guard let cut = u.lastIndex(where: { Scalars.isSentenceFinal($0) || $0 == ")" || $0 == "\u{FF09}" }) else { return nil }
        let creditText = String(String.UnicodeScalarView(u[(cut + 1)...])).trimmedSpaces()
        guard !creditText.isEmpty, creditText.unicodeScalars.count <= 24,
              let names = credit(PageLine(text: creditText, number: line.number, gap: 0)) else { return nil }
        return (String(String.UnicodeScalarView(u[...cut])), names)
    }

    /// A credit that names no photographer: `新华社发`, `资料图片`, `本报资料图片`,
    /// `受访者供图`, `图片来源:视觉中国`, bare or in brackets.
    static func isNamelessCredit(_ text: String) -> Bool {
        // the cheap refusal first: such a credit ends in 片/图/照/发 or a bracket, or opens with 图
        guard let last = text.unicodeScalars.last(where: { $0 != " " }), let first = text.unicodeScalars.first,
              ["片", "图", "照", "发", ")", "\u{FF09}", "】"].contains(last) || first == "图" || first == "(" || first == "\u{FF08}" else { return false }
        var trimmed = Substring(text.trimmedSpaces())
        // a desk code set after the credit (`(图片:多伦多警队) T02`)
        if let space = trimmed.lastIndex(of: " "), Shape.isDeskCode(trimmed[trimmed.index(after: space)...]) {
            trimmed = trimmed[..<space]
        }
        let bracketed = Shape.insideBrackets(trimmed)
        let t = bracketed ?? trimmed
        guard (2...16).contains(t.count) else { return false }
        if t.hasBytePrefix("图片来源") { return true }
        // `(CTV图片)`, `(图片:多伦多警队)`: in brackets, the source of the picture
        if bracketed != nil, t.hasByteSuffix("图片") || t.hasBytePrefix("图片:") || t.hasBytePrefix("图片\u{FF1A}") {
            return t.unicodeScalars.allSatisfy { Scalars.isHan($0) || Scalars.isASCIIAlnum($0) || $0 == ":" || $0 == "\u{FF1A}" }
        }
        guard t.allSatisfy({ $0.unicodeScalars.allSatisfy(Scalars.isHan) }) else { return false }
        if t.hasByteSuffix("资料图片") || t.hasByteSuffix("资料图") || t.hasByteSuffix("资料照片") || t.hasByteSuffix("供图") { return true }
        return t.hasByteSuffix("发") && t.count >= 3 && isOutletName(t.dropLast())
    }

    /// A caption that ends in a nameless credit (`…游览。(新华社发)`); the credit stays in the
    /// caption, as printed.
    static func endsInNamelessCredit(_ line: PageLine) -> Bool {
        guard line.length > 8, let last = line.text.unicodeScalars.last, !Scalars.isSentenceFinal(last),
              Scalars.isHan(last) || Scalars.isCloser(last) else { return false }
        // the credit is at most 18 characters after the caption's last full stop
        let tail = Array(line.text.unicodeScalars.suffix(19))
        guard let cut = tail.lastIndex(where: Scalars.isSentenceFinal) else { return false }
        return isNamelessCredit(String(String.UnicodeScalarView(tail[(cut + 1)...])))
    }

    /// `【明报专讯】…`, `【本报讯】…`, `【大公报讯】…`: the opener Hong Kong papers print in
    /// brackets; returns where the text starts.
    static func bracketedDateline(_ paragraph: String) -> String.Index? {
        guard paragraph.hasBytePrefix("【"), let close = paragraph.prefix(26).firstIndex(of: "】") else { return nil }
        var inner = paragraph[paragraph.index(after: paragraph.startIndex)..<close]
        // `【本市消息】`: the paper's own local news
        if inner.hasByteSuffix("消息"), (4...6).contains(inner.count), inner.hasBytePrefix("本") {
            let start = paragraph.index(after: close)
            return paragraph[start...].firstIndex { $0 != " " } ?? paragraph.endIndex
        }
        guard inner.hasByteSuffix("讯") || inner.hasByteSuffix("电") else { return nil }
        inner = inner.dropLast()
        if inner.hasByteSuffix("专") { inner = inner.dropLast() }
        // `【新华社晋冀鲁豫总分社邯郸讯】`, `【新华社兴县八日电】`: an agency, its bureau, place and day
        guard inner.count >= 2, agencyIndex.prefix(of: inner) != nil || (inner.count <= 10 && isOutletName(inner)),
              inner.unicodeScalars.allSatisfy({ Scalars.isHan($0) || Scalars.isDigit($0) }) else { return nil }
        let start = paragraph.index(after: close)
        return paragraph[start...].firstIndex { $0 != " " } ?? paragraph.endIndex
    }

    /// `【明报专讯】…` → `明报`: the paper a bracketed dateline names as its own.
    static func paperOfDateline(_ paragraph: String) -> String? {
        guard paragraph.hasBytePrefix("【"), let close = paragraph.prefix(14).firstIndex(of: "】"), bracketedDateline(paragraph) != nil else { return nil }
        var inner = paragraph[paragraph.index(after: paragraph.startIndex)..<close]
        for end in ["专讯", "讯"] where inner.hasByteSuffix(end) {
            inner = inner.dropLast(end.count)
            break
        }
        guard (2...6).contains(inner.count), inner.hasByteSuffix("报"), inner.allSatisfy({ $0.unicodeScalars.allSatisfy(Scalars.isHan) }) else { return nil }
        return String(inner)
    }

    /// `(作者系南通市总工会党组书记、副主席)` → `作者系南通市总工会党组书记、副主席`.
    static func authorNote(_ line: PageLine) -> String? {
        guard line.length >= 5, line.length <= 120, let first = line.text.unicodeScalars.first else { return nil }
        guard first == "(" || first == "\u{FF08}" else {
            // unbracketed, as some pages print it: only the `作者系/为` forms, one sentence
            guard bareNoteOpeners.prefix(of: line.text) != nil, !Shape.hasInnerFullStop(line.text) else { return nil }
            var t = line.text
            while let last = t.unicodeScalars.last, last == "。" || last == "." { t = String(t.unicodeScalars.dropLast()) }
            return t
        }
        let u = Array(line.text.unicodeScalars)
        guard u.last == ")" || u.last == "\u{FF09}" else { return nil }
        let inner = String(String.UnicodeScalarView(u[1..<(u.count - 1)])).trimmedSpaces()
        return noteOpeners.prefix(of: inner) != nil ? inner : nil
    }

    static let noteOpeners = WordsByFirst(["作者系", "作者为", "作者是", "作者单位", "作者:", "作者\u{FF1A}", "本文作者系", "本文作者为"])
    static let bareNoteOpeners = WordsByFirst(["作者系", "作者为", "本文作者系", "本文作者为"])

    /// A dateline opening a news item: `本报讯(通讯员 吴凌)…`, `本报拉萨讯(记者 …)…`,
    /// `新华社北京5月3日电(记者 …)…`, `本报讯 …`. Returns the names and where the text starts.
    static let agencies = ["本报", "本刊", "新华社", "中新社", "中新网", "人民网", "央视网"]
    static let agencyIndex = WordsByFirst(agencies)

    /// `长江网10月4日讯…`, `海南日报讯…`: an outlet's own name opens the dateline. Read on
    /// scalars, no strings built: this runs for every paragraph.
    static func outletOpener(_ paragraph: String) -> Bool {
        var previous: Unicode.Scalar = " "
        var n = 0
        for s in paragraph.unicodeScalars {
            guard Scalars.isHan(s), n < 10 else { return false }
            n += 1
            if n >= 2 {
                switch s {
                case "报", "社", "台", "网", "刊": return true
                case "道" where previous == "频", "体" where previous == "媒": return true
                default: break
                }
            }
            previous = s
        }
        return false
    }

    /// `新华社北京4月27日电…`, `据新华社…`, `【新华社兴县八日电】…` → `新华社`: the news agency
    /// (a name ending in 社 within the first eight characters) that sent the item, if any.
    static func wireAgency(_ paragraph: String) -> Substring? {
        var text = Substring(paragraph)
        if text.hasBytePrefix("【") || text.hasBytePrefix("据") { text = text.dropFirst() }
        guard let she = text.prefix(8).firstIndex(of: "社"), text.distance(from: text.startIndex, to: she) >= 2 else { return nil }
        let name = text[...she]
        return name.allSatisfy({ $0.unicodeScalars.allSatisfy(Scalars.isHan) }) && !name.hasBytePrefix("本") ? name : nil
    }

    /// `讯` or `电` near the start: the cheap test before any dateline parsing.
    static func mayOpenDateline(_ paragraph: String) -> Bool {
        for s in paragraph.unicodeScalars.prefix(40) where s == "讯" || s == "电" { return true }
        return false
    }

    static func dateline(_ paragraph: String) -> (names: [String], bodyStart: String.Index)? {
        if let bracketed = bracketedDateline(paragraph) { return ([], bracketed) }
        // `据新华社北京4月29日电`: a story taken from the agency
        if paragraph.hasBytePrefix("据"), agencyIndex.prefix(of: paragraph.dropFirst()) != nil,
           case let rest = String(paragraph.dropFirst()), let (names, start) = dateline(rest) {
            let offset = rest.unicodeScalars.distance(from: rest.startIndex, to: start)
            return (names, paragraph.unicodeScalars.index(paragraph.startIndex, offsetBy: 1 + offset))
        }
        guard agencyIndex.prefix(of: paragraph) != nil || (outletOpener(paragraph) && mayOpenDateline(paragraph)) else { return nil }
        let head = paragraph.prefix(40)
        guard let xun = head.firstIndex(where: { $0 == "讯" || $0 == "电" }) else { return nil }
        let opener = head[..<xun]
        let agency = agencyIndex.prefix(of: opener) != nil || outletOpener(String(opener))
        let plain = !opener.contains { $0 == "," || $0 == "\u{FF0C}" || $0 == "。" || $0 == " " }
        // `…讯` carries at most a place name; `…电` a place and a date (`北京5月3日电`)
        let isNewsOpener = agency && plain && (head[xun] == "讯" ? opener.count <= 10 : opener.count <= 18 && opener.hasByteSuffix("日"))
        guard isNewsOpener else { return nil }
        var rest = paragraph[paragraph.index(after: xun)...]
        rest = rest.drop { $0 == " " }
        var names: [String] = []
        if let open = rest.first, open == "(" || open == "\u{FF08}" {
            guard let close = rest.firstIndex(where: { $0 == ")" || $0 == "\u{FF09}" }) else { return nil }
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            names = creditedNames(String(inside).trimmedSpaces()) ?? []
            rest = rest[rest.index(after: close)...]
        } else if roleIndex.prefix(of: rest) != nil {
            // `本报讯 记者张三 李四 正文…`: the role word and the name tokens after it, up to the
            // first token that is not a name
            var tokens: [Substring] = []
            var end = rest.startIndex
            for token in rest.split(separator: " ", maxSplits: 8, omittingEmptySubsequences: true) {
                let isRole = roleIndex.contains(token) || (roleIndex.prefix(of: token) != nil && creditedNames(String(token)) != nil)
                guard tokens.isEmpty ? isRole : (isRole || isLooseName(token)) else { break }
                tokens.append(token)
                end = token.endIndex
            }
            if !tokens.isEmpty, let found = creditedNames(tokens.joined(separator: " ")), end < rest.endIndex {
                names = found
                rest = rest[end...]
            }
        }
        rest = rest.drop { $0 == " " || $0 == ":" || $0 == "\u{FF1A}" }
        return (names, rest.startIndex)
    }
}
