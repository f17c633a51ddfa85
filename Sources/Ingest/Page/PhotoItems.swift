/// A captioned picture: the caption paragraphs above a credit (`本报记者 孙文娟 摄`), or a
/// caption that ends in its credit (`…贡献力量。徐海燕 摄`, `…游览。(新华社发)`).
struct PhotoItem: Sendable, Equatable {
    /// Block indices the photo takes (optional title line, caption lines, credit line).
    var blocks: [Int]
    var titleLine: Int?
    var caption: [String]
    var authors: [String]
    /// The title when the caption's marks give it (`◀…▶`); else the title line or the
    /// caption's first sentence.
    var title: String? = nil
}

enum PhotoItems {
    /// Captions are short: a paragraph longer than this is running text, not a caption.
    static let maxCaptionLength = 320
    static let maxCaptionParagraphs = 3

    /// Finds standalone photo items. A credit whose caption is not set off from the text
    /// around it (a gap wider than between paragraphs, or the page edge) is a picture inside an
    /// article: it is left to the article, and only the credit line is dropped there.
    static func find(_ lines: [PageLine], _ roles: [LineRole]) -> [PhotoItem] {
        var photos: [PhotoItem] = []
        var taken = LineSet(lineCount: lines.count)
        // a page without blank lines (or with the same gap everywhere) gives no set-off:
        // there a heading or slogan line right above the caption is the best boundary left
        let gapless = !lines.dropFirst().contains { $0.setOff }
        for c in lines.indices {
            var caption: [Int] = []
            var authors: [String]
            var lastCaptionText: String?
            var creditLine: Int?
            // the paragraph right under an image tag that an export left in the text is that
            // image's caption (`<img src=…>` / `1月10日，巴解组织执委会主席阿巴斯（右）…`)
            if c > 0, roles[c] == .body, !taken.contains(c), lines[c].length <= maxCaptionLength, lines[c].gap == 0,
               lines[c - 1].text.hasBytePrefix("<img") || lines[c - 1].text.hasBytePrefix("<IMG"), Furniture.isMarkupTag(lines[c - 1]) {
                taken.insert(c)
                photos.append(PhotoItem(blocks: [c], titleLine: nil, caption: [lines[c].text], authors: []))
                continue
            }
            if let title = pointedCaption(lines[c]), roles[c] == .short, !taken.contains(c) {
                taken.insert(c)
                photos.append(PhotoItem(blocks: [c], titleLine: nil, caption: [lines[c].text], authors: [], title: title))
                continue
            }
            switch roles[c] {
            case .credit(let names):
                authors = names
                creditLine = c
            case .body:
                if let (text, names) = Bylines.trailingCredit(lines[c]) {
                    authors = names
                    caption = [c]
                    lastCaptionText = text
                } else if Bylines.endsInNamelessCredit(lines[c]), c + 1 >= lines.count || !isCredit(roles[c + 1]) {
                    // `…游览。(新华社发)`; a credit line right below owns the photo instead
                    authors = []
                    caption = [c]
                } else {
                    continue
                }
            default:
                continue
            }
            var standalone = caption.first.map { lines[$0].setOff } ?? false
            var k = (caption.first ?? c) - 1
            while !standalone, k >= 0, caption.count < maxCaptionParagraphs, !taken.contains(k),
                  roles[k] == .body, lines[k].length <= maxCaptionLength {
                caption.insert(k, at: 0)
                if lines[k].setOff || k == 0 { standalone = true }
                k -= 1
            }
            if !standalone, let first = caption.first, first > 0,
               isItemEnd(roles[first - 1]) || (gapless && roles[first - 1] != .body && !taken.contains(first - 1)) {
                standalone = true
            }
            guard let first = caption.first else { continue }
            // a set-off heading right above the caption: the photo's own title
            let heading: Int? = first > 0 && roles[first - 1] == .short && lines[first - 1].length >= 6 && !taken.contains(first - 1)
                && (lines[first - 1].setOff || first - 1 == 0) ? first - 1 : nil
            // photo news (`图片新闻` / `金秋时节稻谷飘香` / caption / credit): such a heading bounds
            // a one-paragraph caption (under a longer text the credit is more likely an
            // article's picture)
            if heading != nil, caption.count == 1 { standalone = true }
            // text right under a byline, or opening with a dateline, is an article's, and the
            // credit is for its picture
            if first > 0, case .byline = roles[first - 1] { standalone = false }
            if Bylines.dateline(lines[first].text) != nil { standalone = false }
            guard standalone else { continue }
            let titleLine = heading
            var texts = caption.map { lines[$0].text }
            if let lastCaptionText { texts[texts.count - 1] = lastCaptionText }
            let blocks = (titleLine.map { [$0] } ?? []) + caption + (creditLine.map { [$0] } ?? [])
            taken.formUnion(blocks)
            photos.append(PhotoItem(blocks: blocks, titleLine: titleLine, caption: texts, authors: authors))
        }
        return photos
    }

    /// `◀梅蘭芳化妝小影▶`: a caption set between marks that point at the picture, on a line of
    /// its own (old papers print no credit); its title is the caption without the marks.
    static func pointedCaption(_ line: PageLine) -> String? {
        let u = line.text.unicodeScalars
        guard (4...24).contains(line.length), let first = u.first, let last = u.last,
              ["◀", "◄", "◁"].contains(first), ["▶", "►", "▷"].contains(last) else { return nil }
        let inner = String(String.UnicodeScalarView(u.dropFirst().dropLast())).trimmedSpaces()
        return inner.unicodeScalars.contains(where: Scalars.isHan) ? inner : nil
    }

    private static func isCredit(_ role: LineRole) -> Bool {
        if case .credit = role { return true }
        return false
    }

    /// Lines after which a new item must begin.
    private static func isItemEnd(_ role: LineRole) -> Bool {
        switch role {
        case .authorNote, .credit, .furniture: return true
        default: return false
        }
    }
}
