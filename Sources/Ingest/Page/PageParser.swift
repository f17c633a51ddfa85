/// Page text → metadata and articles. Pure: the only input is the text (and, for one
/// column-break rule, a dictionary lookup).
public enum PageParser {
    /// `withinArticle`: the text is one article a web page's markup picked out (its share
    /// buttons are inside the text, not the site's menus after it).
    public static func parse(_ text: String, spansWord: (String, String) -> Bool = { _, _ in false }, withinArticle: Bool = false) -> ParsedPage {
        // PDF extracts with a space after every character are read without those spaces
        let text = LetterSpacing.repaired(text) ?? text
        // traditional-character pages are read through their simplified markers
        guard let fold = TraditionalFold(page: text) else { return parseFolded(text, spansWord: spansWord, withinArticle: withinArticle) }
        var page = fold.restore(parseFolded(fold.folded, spansWord: spansWord, withinArticle: withinArticle))
        page.traditional = true
        return page
    }

    static func parseFolded(_ text: String, spansWord: (String, String) -> Bool, withinArticle: Bool = false) -> ParsedPage {
        analyse(text, spansWord: spansWord, withinArticle: withinArticle).page
    }

    /// Every stage's result for one page: what `parse` returns and what `explain` shows.
    struct Analysis {
        var lines: [PageLine]
        var roles: [LineRole]
        var heads: [ArticleHead]
        var photos: [PhotoItem]
        var items: [PageItem]
        /// The record index each item became (nil: the item gave no record).
        var recordOfItem: [Int?]
        var used: Set<Int>
        var page: ParsedPage
    }

    static func analyse(_ text: String, spansWord: (String, String) -> Bool, withinArticle: Bool = false) -> Analysis {
        // database exports (labels read after the fold, so 標題 is 标题 here) in printed layout
        let lines = PageLines.split(LabelledFields.rewritten(text) ?? text)
        let roles = LineRoles.classifyPage(lines)
        let photos = PhotoItems.find(lines, roles)
        let taken = LineSet(photos.lazy.flatMap(\.blocks), lineCount: lines.count)
        let heads = ArticleHeads.find(lines, roles, taken: taken)
        let items = ArticleAssembly.assemble(lines, roles, heads: heads, photos: photos)

        var furniture: [String] = []
        var used = Set<Int>()
        var articles: [ParsedArticle] = []
        var recordOfItem: [Int?] = []
        var wires: [Int: Substring] = [:]
        for item in items {
            if let photo = item.photo {
                recordOfItem.append(articles.count)
                articles.append(photoArticle(photo, lines))
                used.formUnion(photo.blocks)
            } else if let (article, wire) = textArticle(item, lines, roles, spansWord: spansWord, endsAtSiteFurniture: !withinArticle, used: &used) {
                recordOfItem.append(articles.count)
                if let wire { wires[articles.count] = wire }
                articles.append(article)
            } else {
                recordOfItem.append(nil)
            }
        }
        for (i, line) in lines.enumerated() where !used.contains(i) { furniture.append(line.text) }

        let metadata = pageMetadata(lines, roles, articles: articles)
        // a brief is the paper's own short news: an agency's item is one only in the agency's paper
        for (i, agency) in wires where articles[i].kind == .brief && !ArticleKinds.isOwnAgency(agency, paper: metadata.paper) {
            articles[i].kind = .article
        }
        let page = ParsedPage(metadata: metadata, articles: articles, furniture: furniture)
        return Analysis(lines: lines, roles: roles, heads: heads, photos: photos, items: items, recordOfItem: recordOfItem,
                        used: used, page: page)
    }

    static func photoArticle(_ photo: PhotoItem, _ lines: [PageLine]) -> ParsedArticle {
        let title = photo.title ?? photo.titleLine.map { lines[$0].text } ?? Sentences.firstWithoutStop(photo.caption.first ?? "")
        return ParsedArticle(title: title, subtitle: nil, kicker: nil, authors: photo.authors, authorNote: nil,
                             kind: .photo, paragraphs: photo.caption)
    }

    /// Reads an item's body region: banners between byline and text, trailing slogans and
    /// furniture are dropped; a dateline gives authors; headings inside the body stay. Also
    /// returns the news agency the dateline names (`新华社`), which decides the kind later.
    static func textArticle(_ item: PageItem, _ lines: [PageLine], _ roles: [LineRole],
                            spansWord: (String, String) -> Bool, endsAtSiteFurniture: Bool = true,
                            used: inout Set<Int>) -> (ParsedArticle, wire: Substring?)? {
        var authors = item.head?.authors ?? []
        var note: String?
        var paragraphs: [String] = []
        var kept: [Int] = []
        for b in item.blocks {
            // site furniture (menus, `热门新闻`, widgets) after the text: the article has ended,
            // and what follows without a headline is the site's, not the article's
            if endsAtSiteFurniture, case .furniture(.separator) = roles[b], !paragraphs.isEmpty { break }
            switch roles[b] {
            case .body:
                paragraphs.append(JumpMarkers.strip(lines[b].text))
                kept.append(b)
            case .short, .dashSubtitle, .titleWithSubtitle:
                // headings inside the body; those before the first paragraph are banners
                if !paragraphs.isEmpty || item.head?.headingsOpenText == true, note == nil {
                    paragraphs.append(lines[b].text)
                    kept.append(b)
                }
            case .authorNote(let n):
                if note == nil { note = n; used.insert(b) }
            case .byline(let names):
                // under the headline, or signed at the end of the text
                if authors.isEmpty { authors = names; used.insert(b) }
            case .furniture, .paperName, .credit:
                break
            }
        }
        // headings left at the end of the region are slogans or labels, not text
        while let last = kept.last, roles[last] != .body, !JumpMarkers.isTeaserPointer(lines[last].text) {
            kept.removeLast()
            paragraphs.removeLast()
        }
        // text with no word in it (punctuation, rules, ellipses) is no article
        guard paragraphs.contains(where: { $0.unicodeScalars.contains { Scalars.isHan($0) || Scalars.isASCIIAlnum($0) || Scalars.isDigit($0) } }) else {
            return nil
        }
        used.formUnion(kept)
        if let head = item.head { used.formUnion(head.start..<head.bodyStart) }

        var hasDateline = false
        var wire: Substring?
        // the dateline opens the text, or the paragraph after a picture's one-line caption
        let opening = paragraphs.count > 1 && paragraphs[0].scalarCount <= 30 && Bylines.dateline(paragraphs[0]) == nil ? 1 : 0
        if let (names, start) = Bylines.dateline(paragraphs[opening]) {
            hasDateline = true
            wire = Bylines.wireAgency(paragraphs[opening])
            for n in names where !authors.contains(n) { authors.append(n) }
            let rest = String(paragraphs[opening][start...]).trimmedSpaces()
            if rest.isEmpty { paragraphs.remove(at: opening) } else { paragraphs[opening] = rest }
        }
        if let text = Bylines.closingSourceNote(paragraphs[paragraphs.count - 1]) {
            if text.isEmpty { paragraphs.removeLast() } else { paragraphs[paragraphs.count - 1] = text }
            guard !paragraphs.isEmpty else { return nil }
        }
        if let text = Bylines.closingDateline(paragraphs[paragraphs.count - 1]) {
            if text.isEmpty { paragraphs.removeLast() } else { paragraphs[paragraphs.count - 1] = text }
            guard !paragraphs.isEmpty else { return nil }
        }
        if let (text, names) = Bylines.trailingSignature(paragraphs[paragraphs.count - 1]) {
            paragraphs[paragraphs.count - 1] = text
            for n in names where !authors.contains(n) { authors.append(n) }
        }
        if item.bullet {
            paragraphs[0] = String(paragraphs[0].unicodeScalars.dropFirst()).trimmedSpaces()
        }
        let joined = ColumnBreaks.rejoin(paragraphs, spansWord: spansWord)
        guard !joined.isEmpty else { return nil }
        let headline = item.head?.headline ?? HeadlineGroup(title: untitled(joined))
        // a front-page teaser (its text ends pointing to the page with the story) is a short item
        let teaser = JumpMarkers.endsWithTeaserPointer(joined[joined.count - 1])
        let kind = item.head?.credited == true ? .photo
            : ArticleKinds.classify(paragraphs: joined, hasDateline: hasDateline || item.bullet || item.head?.brief == true || teaser)
        return (ParsedArticle(title: headline.title, subtitle: headline.subtitle,
                              kicker: headline.subtitle == headline.kicker ? nil : headline.kicker,
                              authors: authors, authorNote: note, kind: kind, paragraphs: joined), wire)
    }

    /// An item with no headline (a brief, a letter, a continuation from another page) is
    /// titled by its first sentence without the closing mark.
    static func untitled(_ paragraphs: [String]) -> String {
        Sentences.firstWithoutStop(paragraphs[0])
    }

    /// Masthead date, edition, section, issue and paper; the Founder trailer is believed only
    /// when its date agrees with the masthead and it names a headline of this page.
    static func pageMetadata(_ lines: [PageLine], _ roles: [LineRole], articles: [ParsedArticle]) -> PageMetadata {
        var meta = PageMetadata()
        var trailer: FounderTrailer?
        var crawl = PageMetadata()
        for (i, role) in roles.enumerated() {
            if let a = lines[i].annotation { crawl.fill(from: a) }
            switch role {
            case .furniture(.crawlNote(let m)): crawl.fill(from: m)
            case .furniture(.masthead(let m)):
                if meta.edition == nil, let e = m.edition { meta.edition = e; meta.section = m.section }
                if meta.date == nil { meta.date = m.date }
                if meta.paper == nil { meta.paper = m.paper }
                if meta.issue == nil { meta.issue = m.issue }
            case .furniture(.issue(let n)): if meta.issue == nil { meta.issue = n }
            case .furniture(.trailer): trailer = FounderTrailer(lines[i])
            case .paperName(let p): if meta.paper == nil { meta.paper = p }
            default: break
            }
        }
        // a list of the issue's editions (`第01版:头版` … `第24版:…`) names no page of its own:
        // the page is the one labelled current (`当前版:04版`), with that entry's section
        var listed: [(edition: String, section: String?)] = []
        var current: String?
        for (i, role) in roles.enumerated() {
            guard case .furniture(.masthead(let m)) = role, let e = m.edition else { continue }
            if MastheadLine.isCurrentPage(lines[i]) { current = e } else if !listed.contains(where: { $0.edition == e }) { listed.append((e, m.section)) }
        }
        if listed.count >= 3 {
            meta.edition = current
            meta.section = listed.first { $0.edition == current }?.section
        }
        // crawl notes state what a masthead would: believed after it
        meta.fill(from: crawl)
        // `【明报专讯】`: a paper names itself in its own datelines
        if meta.paper == nil {
            for line in lines where line.text.hasBytePrefix("【") {
                if let paper = Bylines.paperOfDateline(line.text) { meta.paper = paper; break }
            }
        }
        // `文與圖/晞林 |2015.09.10`: a date stamp after a bar near the top (web editions)
        if meta.date == nil {
            for line in lines.prefix(8) where line.length <= 40 {
                guard let bar = line.text.lastIndex(where: { $0 == "|" || $0 == "\u{FF5C}" }) else { continue }
                let stamp = Array(line.text[line.text.index(after: bar)...].unicodeScalars.filter { $0 != " " })
                if let (iso, end) = MastheadLine.date(in: stamp, from: 0), end == stamp.count { meta.date = iso; break }
            }
        }
        if let t = trailer {
            let namesTitle = articles.contains { a in
                let compact = a.title.filter { $0 != " " }
                let sub = a.subtitle?.filter { $0 != " " } ?? ""
                return (compact.count >= 4 && t.compactText.hasSubstring(compact)) || (sub.count >= 4 && t.compactText.hasSubstring(sub))
            }
            // or a short line of this page (a title the page rules did not take as one: `吴启珍`)
            let namesLine = namesTitle || lines.indices.contains { i in
                guard case .short = roles[i], (3...30).contains(lines[i].length) else { return false }
                return t.compactText.hasSubstring(lines[i].text.filter { $0 != " " })
            }
            let datesAgree = meta.date == nil || t.date == nil || meta.date == t.date
            if namesLine, datesAgree {
                if meta.date == nil { meta.date = t.date }
                if meta.paper == nil { meta.paper = t.paper }
            }
        }
        return meta
    }
}
