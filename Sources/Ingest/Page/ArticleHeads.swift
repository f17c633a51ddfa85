/// Where an article starts: its headline lines and what marks them as a headline.
struct ArticleHead: Sendable, Equatable {
    var start: Int
    var headline: HeadlineGroup
    var authors: [String]
    /// A byline, bare name line or dateline follows the headline.
    var hasByline: Bool
    /// First block after the headline and byline.
    var bodyStart: Int
    /// A photographer's credit stands where the byline would (`…记者 陈元才 摄`): a picture
    /// story.
    var credited = false
    /// One of a run of headlines each over a single paragraph, with no byline: a briefs
    /// column.
    var brief = false
    /// The short lines between headline and text are headings of the text, not banners
    /// (an archive record whose title field names only the first headline line).
    var headingsOpenText = false
}

enum ArticleHeads {
    static let maxHeadlineLines = 4
    /// A headline found only by the white space around it must be at least this long;
    /// shorter lines in that position are box labels and slogans.
    static let minUnmarkedHeadline = 6
    /// A brief's one paragraph tells some news; a line under a short line that says less is a
    /// motto or greeting (`集中人民意见，坚持人民利益。` under its sender), not a brief.
    static let minBriefText = 24

    /// Headline groups: up to four short lines (and a `——` subtitle) followed by a byline,
    /// a bare name, a dateline, or set off by a wide gap from the text above.
    static func find(_ lines: [PageLine], _ roles: [LineRole], taken: LineSet) -> [ArticleHead] {
        var heads: [ArticleHead] = []
        // a short line's bare names, read once (each line is looked at from several starts)
        let bare = lines.indices.map { roles[$0] == .short ? Bylines.bareNames(lines[$0]) : nil }
        // an archive prints an item's whole headline on one line above it (`甲  乙`) and
        // then set in lines (`甲` / `乙`): those lines are one headline, not kicker and title
        var printedWhole: Set<String>?
        var records: Set<String>?
        func recordTitles(_ lines: [PageLine], _ roles: [LineRole]) -> Set<String> {
            if records == nil { records = ArticleHeads.recordTitles(lines, roles) }
            return records!
        }
        func compact(_ s: String) -> String { String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != " " })) }
        func isPrintedWhole(_ parts: [String]) -> Bool {
            guard parts.count >= 2 else { return false }
            if printedWhole == nil {
                printedWhole = Set(lines.lazy.filter { $0.length >= 8 && $0.length <= 80 && $0.text.containsASCII(0x20) }.map { compact($0.text) })
            }
            return printedWhole!.contains(compact(parts.joined()))
        }
        // the page's first line of content; a column label above it (`社论`, `今日谈`) is too
        // short to be a headline and does not count
        let firstContent = roles.indices.first { i in
            switch roles[i] {
            case .furniture, .paperName: return false
            case .short: return lines[i].length >= minUnmarkedHeadline || !(roles.indices.contains(i + 1) && roles[i + 1] == .short)
            default: return true
            }
        } ?? 0
        var i = 0
        while i < lines.count {
            if let head = bylineAbove(lines, roles, bare, at: i, taken: taken, firstContent: firstContent) {
                heads.append(head)
                i = head.bodyStart
                continue
            }
            // a line that reads as a name is a headline when a pen name signs under it (`平等` / `（丹翁）`)
            guard !taken.contains(i), startsHeadline(roles[i]),
                  roles[i] != .short || bare[i] == nil || Bylines.penName(lines, at: i + 1) != nil else {
                i += 1
                continue
            }
            var (shorts, dashed, j) = headlineLines(lines, roles, bare, from: i, taken: taken)
            // the archive's record names only the first line as the headline (`新闻界的祝贺`):
            // the short lines under it are headings of the text
            var recorded = false
            // a short line closing the text above runs into the next record's title: the
            // headline starts at that title
            let archived = shorts.count >= 2 && !recordTitles(lines, roles).isEmpty
            if archived, (1..<shorts.count).contains(where: { i + $0 < lines.count && recordTitles(lines, roles).contains(compact(lines[i + $0].text)) }) {
                i += 1
                continue
            }
            if archived, dashed == nil, !isPrintedWhole(shorts), recordTitles(lines, roles).contains(compact(shorts[0])) {
                shorts = [shorts[0]]
                j = i + 1
                recorded = true
            }
            // `生活快門 守著殘破家園 圖/晞林`: a picture credit set after the headline makes the
            // item a picture story; the credit is no part of the title
            var pictured: [String]?
            if let last = shorts.last, let (title, names) = Bylines.trailingPictureCredit(last) {
                shorts[shorts.count - 1] = title
                pictured = names
            }
            // a crawl writes its notes right under the headline: they mark it as one
            let noted = j < lines.count && (isCrawlNote(roles[j]) || isDateStamp(roles[j]))
            while j < lines.count, isCrawlNote(roles[j]) || isDateStamp(roles[j]) { j += 1 }
            var authors: [String] = []
            var hasByline = false
            var credited = false
            var bodyStart = j
            if !shorts.isEmpty, let (names, end) = Bylines.penName(lines, at: j), end < lines.count, roles[end] == .body {
                authors = names
                hasByline = true
                bodyStart = end
            } else if j < lines.count, !taken.contains(j) {
                switch roles[j] {
                case .byline(let names):
                    authors = names
                    hasByline = true
                    bodyStart = j + 1
                    // a byline run on into the next line (`本报记者` / `方问禹`)
                    while bodyStart < lines.count, lines[bodyStart].gap == 0, roles[bodyStart] == .short,
                          let more = bare[bodyStart] {
                        authors += more.filter { !authors.contains($0) }
                        bodyStart += 1
                    }
                case .short:
                    if let names = bare[j] {
                        authors = names
                        hasByline = true
                        bodyStart = j + 1
                    }
                case .credit(let names) where !shorts.isEmpty && !names.isEmpty && j + 1 < lines.count && roles[j + 1] == .body:
                    authors = names
                    hasByline = true
                    credited = true
                    bodyStart = j + 1
                case .body:
                    hasByline = Bylines.dateline(lines[j].text) != nil
                    // a picture's one-line caption between headline and byline (`花好莫要采。` /
                    // `□全媒体记者 王建成 文/图`): the caption opens the text
                    if !hasByline, !shorts.isEmpty, lines[j].length <= 30, j + 2 < lines.count, !taken.contains(j + 1),
                       case .byline(let names) = roles[j + 1], !names.isEmpty, roles[j + 2] == .body {
                        authors = names
                        hasByline = true
                    }
                default:
                    break
                }
            }
            let brief = !hasByline && dashed == nil && shorts.count == 1 && inBriefRun(lines, roles, bare, at: i, taken: taken)
            // two or more short lines stacked after a blank line, none of them punctuated, over
            // the text: a headline group even where every paragraph has a blank line before it
            let stacked = shorts.count >= 2 && lines[i].gap > 0 && (0..<shorts.count).allSatisfy { k in
                i + k < lines.count && (k == 0 || lines[i + k].gap == 0) && lines[i + k].length >= 5
                    && !lines[i + k].text.unicodeScalars.contains { Scalars.isSentenceFinal($0) || Scalars.isClauseOpen($0) || Scalars.isClauseFinal($0) }
            }
            let setOff = (lines[i].setOff || i == firstContent || afterPictureCredit(roles, i) || stacked) && lines[i].length >= minUnmarkedHeadline
                && shorts.count <= 3 && j < lines.count && !taken.contains(j) && roles[j] == .body
            if let pictured {
                credited = true
                for n in pictured where !authors.contains(n) { authors.append(n) }
            }
            if hasByline || dashed != nil || setOff || brief || recorded || (noted && !shorts.isEmpty && j < lines.count && roles[j] == .body), let headline = HeadlineGroup.read(lines: shorts, dashed: dashed, printedWhole: isPrintedWhole(shorts)) {
                heads.append(ArticleHead(start: i, headline: headline, authors: authors, hasByline: hasByline, bodyStart: bodyStart,
                                         credited: credited, brief: brief, headingsOpenText: recorded))
                i = max(bodyStart, i + 1)
            } else {
                i += 1
            }
        }
        for k in heads.indices where heads[k].authors.isEmpty {
            if let names = echoedAuthors(lines, roles, before: heads[k]) { heads[k].authors = names }
        }
        return heads
    }

    /// An archive record opens with its fields (`劳动的妇女们` / `曾克` / date / `第4版()` /
    /// `专栏：`) and then prints the headline again over the text: the line between the echoed
    /// headline and the field lines is the author field, whatever name it holds (`荒煤`).
    static func echoedAuthors(_ lines: [PageLine], _ roles: [LineRole], before head: ArticleHead) -> [String]? {
        var n = head.start - 1
        var fields = 0
        while n >= 0, LineRoles.isFurniture(roles[n]), lines[n].length <= 16 { n -= 1; fields += 1 }
        guard fields >= 1, n >= 1, lines[n].gap == 0, lines[n].length <= 12 else { return nil }
        func compact(_ s: String) -> String { String(String.UnicodeScalarView(s.unicodeScalars.filter { !Scalars.isSpace($0) })) }
        let printed = compact([head.headline.kicker, head.headline.title, head.headline.subtitle].compactMap { $0 }.joined())
        guard compact(lines[n - 1].text) == printed || compact(lines[n - 1].text) == compact(head.headline.title) else { return nil }
        if let names = Bylines.bareNames(lines[n]) { return names }
        let tokens = lines[n].text.split(separator: " ")
        guard tokens.allSatisfy({ (2...4).contains($0.unicodeScalars.count) && $0.unicodeScalars.allSatisfy(Scalars.isHan) }) else { return nil }
        return tokens.map(String.init)
    }

    /// A byline printed above its headline (`作者:李华` / `春天里的梅花山` / text): the byline
    /// starts the article when it opens the page or stands apart from the text above — a
    /// byline closer to the text above than to the headline below ends that text instead.
    static func bylineAbove(_ lines: [PageLine], _ roles: [LineRole], _ bare: [[String]?], at i: Int, taken: LineSet, firstContent: Int) -> ArticleHead? {
        guard case .byline(let names) = roles[i], !taken.contains(i), i + 1 < lines.count else { return nil }
        if i > firstContent {
            switch roles[i - 1] {
            case .short, .titleWithSubtitle, .dashSubtitle, .byline: return nil  // under a headline: the usual order
            case .body: if lines[i].gap < lines[i + 1].gap { return nil }
            default: break
            }
        }
        let (shorts, dashed, j) = headlineLines(lines, roles, bare, from: i + 1, taken: taken)
        guard !shorts.isEmpty, j < lines.count, !taken.contains(j), roles[j] == .body,
              let headline = HeadlineGroup.read(lines: shorts, dashed: dashed) else { return nil }
        return ArticleHead(start: i, headline: headline, authors: names, hasByline: true, bodyStart: j)
    }

    /// The headline lines from `start`: up to four short lines, ending early at a `——`
    /// subtitle (taken) or a bare name line (left for the byline); `end` is the line after.
    static func headlineLines(_ lines: [PageLine], _ roles: [LineRole], _ bare: [[String]?], from start: Int, taken: LineSet)
        -> (shorts: [String], dashed: String?, end: Int) {
        var shorts: [String] = []
        var j = start
        while j < lines.count, !taken.contains(j), j - start < maxHeadlineLines {
            switch roles[j] {
            case .short:
                if !shorts.isEmpty, bare[j] != nil || Bylines.penName(lines, at: j) != nil { return (shorts, nil, j) }
                shorts.append(lines[j].text)
                j += 1
            case .titleWithSubtitle(let t, let s):
                return (shorts + [t], s, j + 1)
            case .dashSubtitle(let s) where !shorts.isEmpty:
                return (shorts, s, j + 1)
            default:
                return (shorts, nil, j)
            }
        }
        return (shorts, nil, j)
    }

    /// A headline over exactly one paragraph, next to another such pair (`沙田電單車車禍男司機亡`
    /// / one paragraph / `公民黨為…` / one paragraph): a briefs column, where no byline or
    /// gap marks the headlines. Section headings inside an article head several paragraphs.
    /// A teaser column (导读) is such a run with a pointer line under each paragraph
    /// (`——详见7版世界新闻`).
    static func inBriefRun(_ lines: [PageLine], _ roles: [LineRole], _ bare: [[String]?], at i: Int, taken: LineSet) -> Bool {
        /// The line after the pair at `k` (and its pointer), if a headline and one paragraph stand there.
        func pair(_ k: Int) -> Int? {
            guard k >= 0, k + 1 < lines.count, !taken.contains(k), !taken.contains(k + 1), roles[k] == .short,
                  lines[k].length >= minUnmarkedHeadline, bare[k] == nil, roles[k + 1] == .body,
                  lines[k + 1].length >= minBriefText else { return nil }
            var next = k + 2
            if next < lines.count, roles[next] != .body, JumpMarkers.isTeaserPointer(lines[next].text) { next += 1 }
            return next >= lines.count || roles[next] != .body ? next : nil
        }
        guard let next = pair(i) else { return false }
        return pair(next) != nil || pair(i - 2) == i || pair(i - 3) == i
    }

    /// The line follows a picture's credit (furniture such as a desk code between them): the
    /// credit closed the story above, as a gap would.
    static func afterPictureCredit(_ roles: [LineRole], _ i: Int) -> Bool {
        var k = i - 1
        while k >= 0, LineRoles.isFurniture(roles[k]) { k -= 1 }
        guard k >= 0, case .credit = roles[k] else { return false }
        return true
    }

    /// An archive record's title field: a line followed (after at most an author line) by the
    /// record's date and edition lines, compacted.
    static func recordTitles(_ lines: [PageLine], _ roles: [LineRole]) -> Set<String> {
        var out = Set<String>()
        for k in lines.indices where k + 1 < lines.count && lines[k].length <= 40 {
            // the date line, then the edition line (`1946-05-15` / `第4版()`)
            let dated = { (n: Int) -> Bool in
                guard n + 1 < lines.count, lines[n].gap <= 1, isDateStamp(roles[n]), lines[n + 1].gap == 0,
                      case .furniture(.masthead(let m)) = roles[n + 1], m.edition != nil else { return false }
                return true
            }
            if dated(k + 1) || (lines[k + 1].gap == 0 && lines[k + 1].length <= 12 && dated(k + 2)) {
                out.insert(String(String.UnicodeScalarView(lines[k].text.unicodeScalars.filter { $0 != " " })))
            }
        }
        return out
    }

    /// A date alone (`[2023.03.07] 發表`): a web edition's stamp under the headline, which
    /// marks the lines above as one, as a crawl note does.
    static func isDateStamp(_ role: LineRole) -> Bool {
        if case .furniture(.masthead(let m)) = role, m.date != nil, m.edition == nil, m.paper == nil { return true }
        return false
    }

    static func isCrawlNote(_ role: LineRole) -> Bool {
        if case .furniture(.crawlNote) = role { return true }
        return false
    }

    private static func startsHeadline(_ role: LineRole) -> Bool {
        switch role {
        case .short, .titleWithSubtitle: return true
        default: return false
        }
    }
}
