/// Lines that belong to the page, not to any article: masthead pieces, issue numbers,
/// contact lines, e-paper metadata, box labels, editor credits. Each rule looks at the
/// shape of a whole line; none lists words taken from particular pages.
enum Furniture {
    enum Kind: Sendable, Equatable {
        /// What a masthead or citation line says: paper, date, edition, section (any of them).
        case masthead(PageMetadata)
        /// A crawl's citation, word count, source line or row of labelled page fields.
        case crawlNote(PageMetadata)
        case issue(String)
        case trailer
        case contact
        case label
        case editorCredit
        /// `(下转第二版)`, `详见A3版`: the article goes on elsewhere.
        case jump
        case separator
    }

    static func classify(_ line: PageLine) -> Kind? {
        if FounderTrailer.isTrailer(line) { return .trailer }
        if isNavigation(line) {
            // a date among the controls (`2009年5月4日 收藏 打印 推荐`) is the page's date
            let date = line.text.split(separator: " ").lazy.compactMap { w -> String? in
                guard isDateWord(w) else { return nil }
                return MastheadLine.date(in: Array(w.unicodeScalars), from: 0)?.iso
            }.first
            return date.map { .crawlNote(PageMetadata(date: $0)) } ?? .separator
        }
        if isSiteFooter(line) || isMarkupTag(line) || isSiteGreeting(line) || isTeaserLink(line) { return .separator }
        if let m = line.crawlNote { return .crawlNote(m) }
        if line.length > MastheadLine.maxLength { return isSeparator(line) ? .separator : nil }
        if let m = MastheadLine.masthead(line) ?? MastheadLine.citation(line) { return .masthead(m) }
        if let n = MastheadLine.issue(line) { return .issue(n) }
        if isContact(line) { return .contact }
        if isLabel(line) { return .label }
        if isEditorCredit(line) { return .editorCredit }
        if JumpMarkers.isMarker(line.text) { return .jump }
        return isSeparator(line) ? .separator : nil
    }

    /// A web site's footer: copyright, licence and registration numbers, the site's owners.
    static func isSiteFooter(_ line: PageLine) -> Bool {
        guard line.length <= 160 else { return false }
        let t = line.text
        // one pass for the bytes that can open the phrases: `C`, `A`, or 0xC2 (the lead byte of
        // `©`; 0xA9 alone is a continuation byte of many Han characters)
        if t.anyByte({ $0 == 0x43 || $0 == 0x41 || $0 == 0xC2 }),
           t.hasSubstring("Copyright") || t.hasSubstring("©") || t.hasSubstring("All Rights Reserved") || t.hasSubstring("All rights reserved") {
            return true
        }
        guard line.length <= 60, t.unicodeScalars.contains(where: isFooterMark) else { return false }
        return ["版权所有", "版權所有", "ICP备", "ICP證", "ICP证", "公网安备", "公網安備", "许可证编号", "許可證編號", "主管单位", "主辦單位", "主办单位", "举报电话", "舉報電話"]
            .contains { t.hasSubstring($0) }
    }

    /// The words of a web page's controls (`上一篇 下一篇`, `收藏 打印 推荐`, `返回主页 | 版面导航`):
    /// what a browser shows around every page, never page text.
    static let navigationWords = WordsByFirst([
        "上一篇", "下一篇", "上一版", "下一版", "首版", "末版", "上一期", "下一期", "返回", "返回主页", "返回首页", "返回目录", "版面导航", "标题导航",
        "收藏", "打印", "推荐", "朗读", "评论", "更多功能", "分享", "分享到", "复制链接", "字号", "字级", "大", "中", "小", "关闭", "语音阅读",
        "通版阅读请点击", "放大", "缩小", "默认", "上一个", "下一个", "上一主题", "下一主题", "快速回复", "只看楼主", "倒序阅读", "订阅", "首页",
        "PDF", "版", "下载", "登录", "注册", "搜索", "报刊搜索", "热门新闻", "订阅电子报", "联系我们", "隐私权条款", "适中字型", "较大字型",
        // an e-paper template's empty slots and page controls, and the share targets
        "字体", "文章标题", "文章内容", "文章作者", "版面概览", "网站首页", "展开通版", "收缩通版",
        "微信", "朋友圈", "QQ好友", "QQ空间", "新浪微博", "腾讯微博",
    ])

    /// `您好!欢迎来到我们的网站!`, `当前位置：首页 > 要闻`: a site's greeting or "you are here"
    /// line, printed above every page of it.
    static func isSiteGreeting(_ line: PageLine) -> Bool {
        guard line.length <= 40 else { return false }
        let t = line.text
        if t.hasBytePrefix("当前位置") || t.hasBytePrefix("您的位置") || t.hasBytePrefix("你的位置") || t.hasBytePrefix("您现在的位置") { return true }
        // `更多都会新闻`, `更多新闻`: the banner over a list of other stories
        if line.length <= 10, t.hasBytePrefix("更多"), !t.unicodeScalars.contains(where: Scalars.isSentenceFinal) { return true }
        return t.hasSubstring("欢迎") && (t.hasSubstring("网站") || t.hasSubstring("光临") || t.hasSubstring("访问本站"))
    }

    /// `【明报专讯】约克区警方就…案件发生在当日上午9... 详情`: another story's opening cut off
    /// and linked (`详情`, `全文`, `阅读全文`), as lists of other stories print it.
    static func isTeaserLink(_ line: PageLine) -> Bool {
        let t = line.text
        guard line.length <= 200, let last = t.unicodeScalars.last, last == "情" || last == "文" || last == "多",
              let link = ["详情", "全文", "更多"].first(where: { t.hasByteSuffix($0) }) else { return false }
        var before = t.dropLast(link.count)
        while before.last == " " { before = before.dropLast() }
        return before.hasByteSuffix("...") || before.hasByteSuffix("…")
    }

    static func isNavigation(_ line: PageLine) -> Bool {
        guard line.length <= 48 else { return false }
        // the first word decides for nearly every line, without splitting the rest
        let t = line.text
        // the first separator found on the bytes (space, |, /, ｜ = EF BD 9C, · = C2 B7)
        func firstSeparator(_ b: UnsafeBufferPointer<UInt8>) -> Int {
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x20 || c == 0x7C || c == 0x2F { return i }
                if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBD, b[i + 2] == 0x9C { return i }
                if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xB7 { return i }
                i += 1
            }
            return b.count
        }
        let cutOffset = t.utf8.withContiguousStorageIfAvailable(firstSeparator) ?? Array(t.utf8).withUnsafeBufferPointer(firstSeparator)
        let cut = t.utf8.index(t.utf8.startIndex, offsetBy: cutOffset)
        // the first word is read once: a control's word, a date, or no control line
        let first = navigationToken(t[..<cut])
        var any: Bool
        if first.isEmpty {
            any = false
        } else if isNavigationWord(first) {
            any = true
        } else if isDateWord(first) {
            any = false
        } else {
            return false
        }
        // then word by word, refused at the first word that is not a control's
        // split on scalars: comparing Characters outside ASCII is slow, and this runs for
        // every line that opens with a control's word or a date
        for part in t[cut...].unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "｜" || $0 == "·" || $0 == "/" }) {
            let w = navigationToken(Substring(part))
            if w.isEmpty { continue }
            if isNavigationWord(w) { any = true; continue }
            // a date among the controls (`2009年5月4日 收藏 打印 推荐`) is the page's, not text
            guard isDateWord(w) else { return false }
        }
        return any
    }

    /// One of the controls' words; `…上一篇`, `…下一篇` too.
    static func isNavigationWord(_ w: Substring) -> Bool {
        navigationWords.contains(w) || w.hasByteSuffix("上一篇") || w.hasByteSuffix("下一篇")
    }

    /// A word of a controls line without the colons and counts around it (`评论:3` → `评论`).
    static func navigationToken(_ raw: Substring) -> Substring {
        // on scalars: Character comparisons outside ASCII go through normalization
        var u = raw.unicodeScalars[...]
        while let f = u.first, f == ":" || f == "：" { u = u.dropFirst() }
        while let l = u.last, l == ":" || l == "：" || (l.isASCII ? ("0"..."9").contains(l) : l.properties.numericType != nil) { u = u.dropLast() }
        return Substring(u)
    }

    static func isDateWord(_ w: Substring) -> Bool {
        guard let first = w.unicodeScalars.first, MastheadLine.digitValue(first) != nil else { return false }
        let u = Array(w.unicodeScalars)
        guard let (_, end) = MastheadLine.date(in: u, from: 0) else { return false }
        return end == u.count
    }

    /// One character of each footer phrase (权, 备, 证, 管, 办, 举 and their traditional forms).
    @inline(__always)
    static func isFooterMark(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "权", "權", "备", "備", "证", "證", "管", "办", "辦", "举", "舉": return true
        default: return false
        }
    }

    /// A line that is one markup tag left by an export (`<img src="…">`, `<br/>`).
    static func isMarkupTag(_ line: PageLine) -> Bool {
        let u = line.text.unicodeScalars
        guard u.first == "<", u.last == ">", let second = u.dropFirst().first,
              ("a"..."z").contains(second) || ("A"..."Z").contains(second) || second == "/" || second == "!" else { return false }
        return !u.dropFirst().dropLast().contains("<")
    }

    /// Rules, dashes, dots and brackets with no word in them (`————`, `※※※`), however long.
    static func isSeparator(_ line: PageLine) -> Bool {
        line.text.unicodeScalars.allSatisfy { !Scalars.isHan($0) && !Scalars.isASCIIAlnum($0) && !Scalars.isDigit($0) && $0 != "…" && $0 != "." }
    }

    /// E-mail addresses, web addresses, phone or fax numbers, postcodes.
    static func isContact(_ line: PageLine) -> Bool {
        let t = line.text
        // one pass over the bytes: digits (ASCII, and full-width ones, EF BC 90–99) and the
        // letters of an address (`@`, `w`, `m`)
        var digits = 0
        var addressLetter = false
        var prev2: UInt8 = 0, prev: UInt8 = 0
        for b in t.utf8 {
            switch b {
            case 0x30...0x39: digits += 1
            case 0x90...0x99 where prev == 0xBC && prev2 == 0xEF: digits += 1
            case 0x40, 0x57, 0x77, 0x4D, 0x6D: addressLetter = true
            default: break
            }
            prev2 = prev
            prev = b
        }
        guard digits >= 5 || addressLetter || t.hasSubstring("邮箱") else { return false }
        let lower = t.lowercased()
        if lower.hasSubstring("e-mail") || lower.hasSubstring("email") || lower.hasSubstring("邮箱") { return true }
        if lower.hasSubstring("http://") || lower.hasSubstring("https://") || lower.hasBytePrefix("www.") { return true }
        if let at = t.firstIndex(of: "@"), t[..<at].last?.isASCII == true, t[t.index(after: at)...].contains(where: { $0 == "." }) {
            return true
        }
        // a phone line: a phone keyword and 7+ digits, and little else
        let han = t.unicodeScalars.filter(Scalars.isHan).count
        let phoneWord = ["电话", "热线", "传真", "邮编", "QQ", "微信号", "Tel", "TEL"].contains { t.hasSubstring($0) }
        return phoneWord && digits >= 7 && han <= 12
    }

    /// A boxed label such as `■导读`, `●链接`, `▲图片新闻`: a typographic marker and a few words.
    static func isLabel(_ line: PageLine) -> Bool {
        guard let first = line.text.unicodeScalars.first, line.length <= 7 else { return false }
        switch first {
        case "■", "●", "◆", "▲", "▼", "★", "◎", "◇", "※", "▶", "►", "【": return true
        default: return false
        }
    }

    /// `责任编辑:…`, `编辑 …`, `校对:…`, `美编 …`, `(责编:王五、赵六)`, `来源:…`: production
    /// and source credits printed on the page, bare or in brackets.
    static func isEditorCredit(_ line: PageLine) -> Bool {
        guard line.length <= 30 else { return false }
        let text = Shape.insideBrackets(Substring(line.text)) ?? Substring(line.text)
        guard let role = editorRoles.prefix(of: text) else { return false }
        let rest = text.dropFirst(role.count).unicodeScalars
        guard let next = rest.first else { return true }
        return next == ":" || next == "\u{FF1A}" || next == " " || next == "/" || next == "\u{FF0F}"
    }

    static let editorRoles = WordsByFirst(["责任编辑", "责编", "编辑", "美编", "校对", "审读", "审校", "终审", "组版", "版式", "制图", "排版", "来源"])
}
