/// Reader mode for a news page saved from the web: the one article, not the menus, teaser
/// lists, share buttons and footers around it. The signals are the ones established
/// extractors use (read, not copied): paragraphs full of punctuation and poor in links
/// score their container, a container's score falls with its link density and with
/// class/id names of navigation, the headline is the `<h1>` the `<title>` or `og:title`
/// agrees with. The article's blocks then go through the same page rules as a printed page
/// (byline, dateline, caption, note), so both give the same record.
enum ReaderMode {
    struct Article {
        var title: String
        /// Short lines between the headline and the text: bylines, dates, sources.
        var header: [String]
        var blocks: [String]
        var date: String?
        var paper: String?
        var section: String? = nil
        /// Names the markup marks as the author's.
        var authors: [String] = []
    }

    /// Aggregates per node, bottom-up.
    struct Counts {
        var chars = 0
        var linkChars = 0
        var punct = 0
        var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
    }

    static let inline: Set<String> = ["a", "span", "b", "strong", "em", "i", "u", "font", "small", "big", "sup", "sub", "img", "br", "wbr", "label", "abbr", "cite", "q", "mark", "time", "#text"]
    static let navTags: Set<String> = ["nav", "footer", "aside", "form", "menu"]
    /// Class/id words of what is never the article; a block so named is left out of it.
    static let strongNegativeMarks = ["nav", "menu", "footer", "sidebar", "comment", "share", "related", "relate", "recommend", "breadcrumb",
                                      "copyright", "advert", "login", "subscribe", "social", "reply", "message"]
    /// Words that often but not always mark furniture: such a block stays when it is rich in text.
    static let negativeMarks = strongNegativeMarks + ["foot", "side", "banner", "hot", "rank", "toolbar", "tags", "popular", "more", "list", "link"]
    static let positiveMarks = ["article", "content", "story", "main", "text", "detail", "post", "entry", "news", "body", "cont"]

    static func hasMark(_ marks: String, _ words: [String]) -> Bool {
        !marks.isEmpty && words.contains { marks.hasSubstring($0) }
    }

    /// The article of a web page, or nil when the page is not one (an e-paper page served as
    /// HTML reads best as a whole, as before).
    static func extract(_ doc: HTMLDocument) -> Article? {
        let nodes = doc.nodes
        var counts = [Counts](repeating: Counts(), count: nodes.count)
        var inLink = [Bool](repeating: false, count: nodes.count)
        // inside comments, footers, related lists or navigation: never the article, however
        // much punctuated text (a comment policy is all sentences)
        var furnished = [Bool](repeating: false, count: nodes.count)
        for i in nodes.indices.dropFirst() {
            let p = nodes[i].parent
            inLink[i] = inLink[p] || nodes[p].tag == "a"
            furnished[i] = furnished[p] || navTags.contains(nodes[i].tag)
                || (hasMark(nodes[i].marks, strongNegativeMarks) && !hasMark(nodes[i].marks, positiveMarks))
        }
        for i in nodes.indices.reversed() {
            if nodes[i].tag == "#text" {
                var c = Counts()
                for s in nodes[i].text.unicodeScalars where !Scalars.isSpace(s) && s != " " && s != "\u{A0}" {
                    c.chars += 1
                    if isPunct(s) { c.punct += 1 }
                }
                if inLink[i] { c.linkChars = c.chars; c.punct = 0 }
                counts[i] = c
            }
            if i > 0 {
                let p = nodes[i].parent
                counts[p].chars += counts[i].chars
                counts[p].linkChars += counts[i].linkChars
                counts[p].punct += counts[i].punct
            }
        }

        // paragraphs score their container (and half their grandparent)
        var score = [Double](repeating: 0, count: nodes.count)
        for i in nodes.indices where !inline.contains(nodes[i].tag) && nodes[i].tag != "#root" {
            let c = counts[i]
            let own = c.chars - c.linkChars
            guard own >= 10, c.linkDensity < 0.5, holdsText(nodes, i) else { continue }
            let s = 1 + Double(c.punct) + min(Double(own) / 100, 3)
            let p = nodes[i].parent
            if p >= 0 { score[p] += s }
            let g = p >= 0 ? nodes[p].parent : -1
            if g >= 0 { score[g] += s / 2 }
        }
        var best = -1
        var bestScore = 0.0
        for i in nodes.indices where score[i] > 0 && !furnished[i] {
            var s = score[i] * (1 - counts[i].linkDensity)
            if hasMark(nodes[i].marks, positiveMarks) { s *= 1.25 }
            if hasMark(nodes[i].marks, negativeMarks) || navTags.contains(nodes[i].tag) { s *= 0.3 }
            if s > bestScore { (best, bestScore) = (i, s) }
        }
        guard best > 0, !["#root", "html", "body"].contains(nodes[best].tag) else { return nil }
        // a page whose text is nearly all in the best container is a page of text, not an
        // article among menus
        let bodyChars = counts[0].chars
        guard bodyChars > 0, Double(counts[best].chars) < 0.9 * Double(bodyChars) || counts[0].linkChars * 5 > bodyChars else { return nil }

        var blocks: [String] = []
        var line = ""
        lines(of: best, nodes, counts, into: &blocks, line: &line)
        if !line.trimmedSpaces().isEmpty { blocks.append(line.trimmedSpaces()) }
        blocks = blocks.filter { !$0.isEmpty }
        guard !blocks.isEmpty else { return nil }

        let (title, titleNode) = headline(doc, before: best)
        var header: [String] = []
        if let t = titleNode {
            // what stands between the headline and the text: byline, date, source
            var k = t + 1
            while k < best, header.count < 8 {
                if nodes[k].tag == "#text", !isInside(k, of: t, nodes) {
                    let text = nodes[k].text.trimmedSpaces()
                    if !text.isEmpty, text.scalarCount <= 80, !inLink[k] { header.append(text) }
                }
                k += 1
            }
        }
        var date = metaDate(doc) ?? titleDate(doc.title)
        var paper = paper(doc.title)
        if date == nil {
            // a publication time the page prints on its own (`<span class="h-time">2019-12-10
            // 07:57:40</span>`, `发布日期：2019-09-23 14:34:05`) before the text ends, outside links
            // and lists of other stories
            let end = lastDescendant(of: best, nodes)
            for k in nodes.indices.prefix(end + 1) where nodes[k].tag == "#text" && !inLink[k] && !furnished[k] {
                if let d = printedTimestamp(nodes[k].text) { date = d; break }
            }
        }
        func clean(_ line: String) -> String {
            let (rest, d, p) = cleanHeader(line)
            if date == nil { date = d }
            if let p { paper = p }
            return rest
        }
        header = header.map(clean).filter { !$0.isEmpty }
        // the headline and its byline may sit inside the article's container
        for k in blocks.indices.prefix(4) where blocks[k].scalarCount <= 80 { blocks[k] = clean(blocks[k]) }
        blocks = blocks.filter { !$0.isEmpty }
        return Article(title: title, header: header, blocks: blocks, date: date, paper: paper,
                       section: categoryLabel(nodes) ?? breadcrumbSection(nodes, before: best), authors: markedAuthors(doc))
    }

    /// `2019-03-18 23:59聯合報 記者陳嘉寧／即時報導` → (`記者陳嘉寧／即時報導`, date, `聯合報`): the date,
    /// time and paper a site prints before the byline.
    static func cleanHeader(_ line: String) -> (String, String?, String?) {
        var u = Array(line.unicodeScalars)
        var date: String?
        if let (iso, end) = MastheadLine.date(in: u, from: 0) {
            date = iso
            u.removeFirst(end)
            while u.first == " " { u.removeFirst() }
            // a time of day after it
            u.removeFirst(MastheadLine.timeOfDayEnd(in: u, from: 0))
            while u.first == " " { u.removeFirst() }
        }
        var paper: String?
        let rest = String(String.UnicodeScalarView(u))
        // a paper's name fused before a role word (`聯合報 記者…`, `联合报记者…`), read through
        // the simplified fold (one scalar for one, so offsets carry over)
        let folded = Array(HanVariants.simplify(rest).unicodeScalars)
        for n in 2...6 where n < u.count && folded[n - 1] == "报" && u[..<n].allSatisfy(Scalars.isHan) {
            let after = Substring(String(String.UnicodeScalarView(folded[n...].drop { $0 == " " })))
            if Bylines.roleLength(after) != nil {
                paper = String(String.UnicodeScalarView(u[..<n]))
                return (String(String.UnicodeScalarView(u[n...])).trimmedSpaces(), date, paper)
            }
        }
        return (rest, date, paper)
    }

    /// The section a breadcrumb trail names (`首页 > 要闻 > 头条`, `udn / 社會 / 焦點事件`): the
    /// first linked crumb after the home link. A trail is an element marked as one
    /// (`breadcrumb`), or links separated by `>` or `/` and nothing else; the first trail
    /// above the article counts.
    static func breadcrumbSection(_ nodes: [HTMLDocument.Node], before article: Int) -> String? {
        let separators: Set<Unicode.Scalar> = [">", "/", "»", "›", "→", "\u{FF1E}", "\u{FF0F}", " ", "\u{A0}"]
        for i in nodes.indices.prefix(article) where nodes[i].tag != "#text" && nodes[i].tag != "a" {
            let kids = nodes[i].children
            let links = kids.filter { nodes[$0].tag == "a" }
            let marked = hasMark(nodes[i].marks, ["breadcrumb", "crumb"])
            var crumbs: [String] = []
            if marked {
                func walk(_ k: Int) {
                    if nodes[k].tag == "a" { crumbs.append(text(of: k, nodes).trimmedSpaces()); return }
                    for c in nodes[k].children { walk(c) }
                }
                walk(i)
            } else {
                guard links.count >= 2 else { continue }
                let texts = kids.filter { nodes[$0].tag == "#text" }.map { nodes[$0].text }
                guard texts.contains(where: { !$0.trimmedSpaces().isEmpty }),
                      texts.allSatisfy({ $0.unicodeScalars.allSatisfy { separators.contains($0) } || $0.trimmedSpaces() == "正文" }),
                      kids.allSatisfy({ ["a", "#text", "b", "span", "strong", "em"].contains(nodes[$0].tag) }) else { continue }
                crumbs = links.map { text(of: $0, nodes).trimmedSpaces() }
            }
            crumbs.removeAll { $0.isEmpty }
            guard crumbs.count >= 2 else { continue }
            let name = crumbs[1]
            let u = name.unicodeScalars
            return (2...8).contains(u.count) && u.allSatisfy(Scalars.isHan) ? name : nil
        }
        return nil
    }

    /// `所属分类：头条`: the category a page labels its story with (the label's value is
    /// usually a link, so it is the next text node).
    static func categoryLabel(_ nodes: [HTMLDocument.Node]) -> String? {
        let labels = ["所属分类", "所屬分類", "栏目", "欄目"]
        for (k, node) in nodes.enumerated() where node.tag == "#text" {
            let t = node.text.trimmedSpaces()
            guard labels.contains(where: { t.hasByteSuffix($0 + "：") || t.hasByteSuffix($0 + ":") }) else { continue }
            guard let next = nodes[(k + 1)...].first(where: { $0.tag == "#text" && !$0.text.trimmedSpaces().isEmpty }) else { return nil }
            let name = next.text.trimmedSpaces()
            let u = name.unicodeScalars
            return (2...8).contains(u.count) && u.allSatisfy(Scalars.isHan) ? name : nil
        }
        return nil
    }

    /// The last node inside `i` (nodes are in document order, so a subtree is contiguous).
    static func lastDescendant(of i: Int, _ nodes: [HTMLDocument.Node]) -> Int {
        var k = i
        while let last = nodes[k].children.last { k = last }
        return k
    }

    /// `2019-12-10 07:57:40`, `发布日期：2019-09-23 14:34:05`, `18:56 2017/09/08`: a text that is
    /// a date with its time of day (perhaps after a date label) and nothing else. The time of
    /// day is what tells a publication stamp from a date mentioned in passing.
    static func printedTimestamp(_ text: String) -> String? {
        var t = Substring(text.trimmedSpaces())
        guard (15...40).contains(t.unicodeScalars.count), t.contains(":") else { return nil }
        for label in ["发布日期", "发布时间", "發佈日期", "發布日期", "發佈時間", "發布時間", "时间", "時間", "日期", "发表于", "發表於"] where t.hasBytePrefix(label) {
            t = t.dropFirst(label.count).drop { $0 == ":" || $0 == "\u{FF1A}" || $0 == " " }
            break
        }
        var u = Array(t.unicodeScalars)
        // a time of day may come first (`18:56 2017/09/08`)
        var start = 0
        let lead = MastheadLine.timeOfDayEnd(in: u, from: 0)
        if lead > 0 { start = lead; while start < u.count, u[start] == " " { start += 1 } }
        guard let (iso, end) = MastheadLine.date(in: u, from: start) else { return nil }
        u = Array(u[end...])
        var k = 0
        while k < u.count, u[k] == " " { k += 1 }
        let after = MastheadLine.timeOfDayEnd(in: u, from: k)
        let timed = lead > 0 || after > k
        let rest = lead > 0 ? k : after
        guard timed, u[rest...].allSatisfy({ $0 == " " }) else { return nil }
        return iso
    }

    static let authorMarks = ["author", "reporter", "byline", "writer", "journalist"]

    /// Names in elements the markup marks as the author (`<div class="author">`), or in
    /// `<meta name="author">`; read by the byline rules, so `記者：王五` gives `王五`.
    static func markedAuthors(_ doc: HTMLDocument) -> [String] {
        var out: [String] = []
        func take(_ text: String) {
            for name in namesAsPrinted(text, bare: true) where !out.contains(name) { out.append(name) }
        }
        if let m = doc.meta["author"] { take(m) }
        for i in doc.nodes.indices where doc.nodes[i].tag != "#text" && hasMark(doc.nodes[i].marks, authorMarks) && !doc.nodes[i].marks.hasSubstring("editor") {
            take(text(of: i, doc.nodes))
        }
        return out
    }

    /// The names a byline line gives (a bare name line too with `bare`), read through the
    /// simplified fold (the byline rules' names are simplified) and given back as printed.
    static func namesAsPrinted(_ text: String, bare: Bool) -> [String] {
        let t = text.trimmedSpaces()
        guard !t.isEmpty, t.scalarCount <= 30 else { return [] }
        let folded = HanVariants.simplify(t)
        let line = PageLine(text: folded, number: 0, gap: 0)
        let original = Array(t.unicodeScalars), foldedScalars = Array(folded.unicodeScalars)
        var out: [String] = []
        for n in Bylines.byline(line) ?? (bare ? Bylines.bareNames(line) : nil) ?? [] {
            let u = Array(n.unicodeScalars)
            guard u.count <= foldedScalars.count,
                  let at = (0...(foldedScalars.count - u.count)).first(where: { foldedScalars[$0..<($0 + u.count)].elementsEqual(u) }) else { continue }
            out.append(String(String.UnicodeScalarView(original[at..<(at + u.count)])))
        }
        return out
    }

    /// A date the `<title>` states (`… | 20170909`).
    static func titleDate(_ title: String) -> String? {
        var parts = [title]
        for sep in titleSeparators { parts = parts.flatMap { $0.components(separatedBy: sep) } }
        for p in parts.dropFirst() {
            let u = Array(p.trimmedSpaces().unicodeScalars)
            if let (iso, end) = MastheadLine.date(in: u, from: 0), end == u.count { return iso }
        }
        return nil
    }

    static func isPunct(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "，", "。", "！", "？", "；", "、", "：", ",", ".", "!", "?", ";", "「", "」", "“", "”": return true
        default: return false
        }
    }

    /// An element that holds running text itself (a text child), as a paragraph does.
    static func holdsText(_ nodes: [HTMLDocument.Node], _ i: Int) -> Bool {
        nodes[i].children.contains { c in
            nodes[c].tag == "#text" ? nodes[c].text.unicodeScalars.contains { Scalars.isHan($0) || Scalars.isASCIIAlnum($0) }
                : ["span", "font", "b", "strong", "em", "a"].contains(nodes[c].tag)
        }
    }

    static func isInside(_ k: Int, of ancestor: Int, _ nodes: [HTMLDocument.Node]) -> Bool {
        var p = nodes[k].parent
        while p > ancestor { p = nodes[p].parent }
        return p == ancestor
    }

    /// The article's text as lines: block elements break lines, `<br>` too; navigation-like
    /// and link-heavy parts inside the article (share bars, related links) are left out.
    static func lines(of i: Int, _ nodes: [HTMLDocument.Node], _ counts: [Counts], into out: inout [String], line: inout String) {
        let node = nodes[i]
        if node.tag == "#text" {
            line += node.text
            return
        }
        if node.tag == "br" {
            flush(&line, &out)
            return
        }
        if navTags.contains(node.tag) { return }
        let block = !inline.contains(node.tag)
        if block, i != 0 {
            let c = counts[i]
            if hasMark(node.marks, strongNegativeMarks) && !hasMark(node.marks, positiveMarks) { return }
            if hasMark(node.marks, negativeMarks) && !hasMark(node.marks, positiveMarks) && c.punct < 10 { return }
            if c.chars > 0, c.linkDensity > 0.5, c.chars < 400 { return }
        }
        if block { flush(&line, &out) }
        for c in node.children { lines(of: c, nodes, counts, into: &out, line: &line) }
        if block { flush(&line, &out) }
    }

    static func flush(_ line: inout String, _ out: inout [String]) {
        let t = line.trimmedSpaces()
        if !t.isEmpty { out.append(t) }
        line = ""
    }

    /// The `<h1>` (or `<h2>`) that the `<title>` or `og:title` agrees with; else the first
    /// `<h1>` before the article; else `og:title` or the `<title>` without the site's name.
    static func headline(_ doc: HTMLDocument, before article: Int) -> (String, Int?) {
        let nodes = doc.nodes
        let og = doc.meta["og:title"] ?? ""
        let reference = compact(doc.title + " " + og)
        var headings: [(text: String, node: Int)] = []
        for tag in ["h1", "h2"] {
            for i in nodes.indices where nodes[i].tag == tag {
                let t = text(of: i, nodes)
                if t.scalarCount >= 4 { headings.append((t, i)) }
            }
            if !headings.isEmpty { break }
        }
        if let agreed = headings.first(where: { reference.hasSubstring(compact($0.text)) }) { return (agreed.text, agreed.node) }
        if let first = headings.first(where: { $0.node < article }) { return (first.text, first.node) }
        let fallback = og.isEmpty ? doc.title : og
        return (siteless(fallback), nil)
    }

    /// Text of an element, `<br>` read as a space.
    static func text(of i: Int, _ nodes: [HTMLDocument.Node]) -> String {
        var out = ""
        func walk(_ k: Int) {
            if nodes[k].tag == "#text" { out += nodes[k].text } else if nodes[k].tag == "br" { out += " " }
            for c in nodes[k].children { walk(c) }
        }
        walk(i)
        return out.trimmedSpaces()
    }

    static func compact(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !Scalars.isSpace($0) && $0 != " " && $0 != "\u{A0}" }))
    }

    static let titleSeparators = [" | ", "｜", " - ", " — ", "--", "_", " – "]

    /// `标题 | 站名` → `标题`; `标题-新华网`, `标题_站名` too when what follows is a short name.
    static func siteless(_ title: String) -> String {
        var t = title
        for sep in titleSeparators {
            if let r = t.range(of: sep) { t = String(t[..<r.lowerBound]) }
        }
        for sep in ["-", "_"] {
            if let r = t.range(of: sep, options: .backwards) {
                let site = t[r.upperBound...]
                if (2...12).contains(site.count), !site.contains(" ") { t = String(t[..<r.lowerBound]) }
            }
        }
        return t.trimmedSpaces()
    }

    /// The paper the `<title>` names after the headline (`… | 蘋果日報 | …`, `…--当代商报`).
    static func paper(_ title: String) -> String? {
        var parts = [title]
        for sep in titleSeparators { parts = parts.flatMap { $0.components(separatedBy: sep) } }
        for p in parts.dropFirst() {
            let name = p.trimmedSpaces()
            let u = name.unicodeScalars
            if (2...8).contains(u.count), u.allSatisfy(Scalars.isHan), name.hasByteSuffix("报") || name.hasByteSuffix("報") { return name }
        }
        return nil
    }

    /// The publication date from the page's `<meta>` (`article:published_time`, `pubdate`…).
    static func metaDate(_ doc: HTMLDocument) -> String? {
        for key in ["article:published_time", "og:release_date", "pubdate", "publishdate", "publish_date", "datepublished", "date", "dc.date", "article:published"] {
            if let v = doc.meta[key], let (iso, _) = MastheadLine.date(in: Array(v.unicodeScalars), from: 0) { return iso }
        }
        return nil
    }
}

extension ReaderMode {
    /// The article of an HTML document, or nil (not HTML, or a page of text such as an
    /// e-paper page, read by `HTMLText` as before).
    static func article(_ text: String) -> Article? {
        var t = text
        guard t.withUTF8({ HTMLText.looksLikeHTML($0) }) else { return nil }
        return extract(HTMLDocument.parse(text))
    }

    /// The article as printed-page text: headline, the lines under it, one block a paragraph.
    static func pageText(_ a: Article) -> String {
        ([a.title, ""] + a.header + [""] + a.blocks.flatMap { [$0, ""] }).joined(separator: "\n")
    }
}

extension PageParser {
    /// One web article read by the page rules: whatever items they see (in-article
    /// subheads read as headlines, a caption as a photo) are one record, under the headline
    /// the markup names.
    static func parseWebArticle(_ a: ReaderMode.Article, spansWord: (String, String) -> Bool) -> ParsedPage {
        var page = parse(ReaderMode.pageText(a), spansWord: spansWord, withinArticle: true)
        guard var first = page.articles.first else { return page }
        let headline = ReaderMode.compact(a.title)
        var paragraphs: [String] = []
        var authors: [String] = []
        for (k, item) in page.articles.enumerated() {
            for n in item.authors where !authors.contains(n) { authors.append(n) }
            let untitled = item.paragraphs.first.map { Sentences.firstWithoutStop($0) == item.title } ?? true
            if k > 0, !untitled, ReaderMode.compact(item.title) != headline { paragraphs.append(item.title) }
            paragraphs += item.paragraphs
        }
        first.title = a.title
        first.subtitle = nil
        first.kicker = nil
        // a byline line the page rules left outside every item (the headline group was not
        // found around it), then the markup's author marks: the printed byline names the
        // writer where the markup often marks an editor
        if authors.isEmpty {
            for line in a.header + a.blocks.prefix(4) {
                for n in ReaderMode.namesAsPrinted(line, bare: false) where !authors.contains(n) { authors.append(n) }
                if !authors.isEmpty { break }
            }
        }
        if authors.isEmpty { authors = a.authors }
        first.authors = authors
        first.authorNote = page.articles.lazy.compactMap(\.authorNote).first
        first.paragraphs = paragraphs
        first.kind = ArticleKinds.classify(paragraphs: paragraphs, hasDateline: false) == .qa ? .qa : .article
        page.articles = [first]
        if page.metadata.date == nil { page.metadata.date = a.date }
        if page.metadata.paper == nil { page.metadata.paper = a.paper }
        if page.metadata.section == nil { page.metadata.section = a.section }
        return page
    }
}
