/// Cuts the page into items (articles and photos) and repairs the two layout accidents
/// that plain-text extraction produces: a headline printed after its body, and a headline
/// printed in the middle of its body.
struct PageItem: Sendable, Equatable {
    var head: ArticleHead?
    var photo: PhotoItem?
    /// Block indices of the body region, in page order.
    var blocks: [Int]
    /// Position in reading order.
    var order: Int
    /// One item of a briefs column, opened by a bullet (`◆`, `●`, `△`).
    var bullet = false
}

enum ArticleAssembly {
    static func assemble(_ lines: [PageLine], _ roles: [LineRole], heads: [ArticleHead], photos: [PhotoItem]) -> [PageItem] {
        var headAt: [Int: ArticleHead] = [:]
        for h in heads { headAt[h.start] = h }
        var photoAt: [Int: PhotoItem] = [:]
        var photoBlocks = Set<Int>()
        for p in photos {
            photoAt[p.blocks[0]] = p
            photoBlocks.formUnion(p.blocks)
        }

        var items: [PageItem] = []
        var current = PageItem(head: nil, photo: nil, blocks: [], order: 0)
        var i = 0
        while i < lines.count {
            if let h = headAt[i] {
                items.append(current)
                current = PageItem(head: h, photo: nil, blocks: [], order: i)
                i = h.bodyStart
                continue
            }
            if let p = photoAt[i] {
                items.append(PageItem(head: nil, photo: p, blocks: [], order: i))
                i += 1
                continue
            }
            if !photoBlocks.contains(i) { current.blocks.append(i) }
            // a dashed signature (`─香港‧成苜暘`) under text closes that text: a letters column
            // prints one letter after another with no headline between them
            if case .byline = roles[i], Bylines.dashedSignature(lines[i]) != nil, hasText(current, roles) {
                items.append(current)
                current = PageItem(head: nil, photo: nil, blocks: [], order: i + 1)
            }
            i += 1
        }
        items.append(current)
        items.removeAll { $0.head == nil && $0.photo == nil && $0.blocks.isEmpty }

        reattachTrailingHeadlines(&items, lines, roles)
        mergeDisplacedHeadlines(&items, lines, roles)
        splitBullets(&items, lines, roles)
        items.sort { $0.order < $1.order }
        return items
    }

    static func hasText(_ item: PageItem, _ roles: [LineRole]) -> Bool {
        item.blocks.contains { roles[$0] == .body }
    }

    /// A headline and byline with no text under them (the next thing is another headline, a
    /// photo or the page end) were printed after their body. The body is the text above
    /// them back to the last wide gap in the previous item.
    static func reattachTrailingHeadlines(_ items: inout [PageItem], _ lines: [PageLine], _ roles: [LineRole]) {
        for n in items.indices where items[n].head != nil && !hasText(items[n], roles) {
            guard let p = items[..<n].lastIndex(where: { $0.photo == nil }) else { continue }
            let prev = items[p].blocks
            let textBlocks = prev.filter { roles[$0] == .body || roles[$0] == .short }
            guard let firstText = textBlocks.first else { continue }
            let cut: Int?
            if items[p].head == nil {
                cut = prev.firstIndex(of: firstText)
            } else {
                cut = prev.lastIndex { $0 != firstText && lines[$0].setOff && (roles[$0] == .body || roles[$0] == .short) }
            }
            guard let cut, prev[cut...].contains(where: { roles[$0] == .body }) else { continue }
            items[n].blocks = Array(prev[cut...]) + items[n].blocks
            items[n].order = prev[cut]
            items[p].blocks = Array(prev[..<cut])
        }
        items.removeAll { $0.head == nil && $0.photo == nil && !hasText($0, roles) }
    }

    /// A headline without byline sitting between a paragraph cut mid-sentence and its
    /// continuation belongs to the untitled text around it.
    static func mergeDisplacedHeadlines(_ items: inout [PageItem], _ lines: [PageLine], _ roles: [LineRole]) {
        var n = 1
        while n < items.count {
            let item = items[n]
            let prev = items[n - 1]
            if let head = item.head, !head.hasByline, prev.head == nil, prev.photo == nil,
               let last = prev.blocks.last(where: { roles[$0] == .body }),
               !Shape.endsClosed(lines[last].text), !Shape.endsInCloser(lines[last].text),
               let next = item.blocks.first(where: { roles[$0] == .body || roles[$0] == .short }), roles[next] == .body {
                items[n - 1].head = head
                items[n - 1].blocks += item.blocks
                items.remove(at: n)
                continue
            }
            n += 1
        }
    }

    /// Marks that open each item of a briefs column.
    static let bulletMarks: ScalarSet = ["◆", "◇", "●", "○", "△", "▲", "■", "□", "•", "☆", "★", "▶", "►", "◎"]

    static func isBullet(_ i: Int, _ lines: [PageLine], _ roles: [LineRole]) -> Bool {
        guard roles[i] == .body, let first = lines[i].text.unicodeScalars.first else { return false }
        return bulletMarks.contains(first)
    }

    /// A briefs column (`◆9月23日,我县…` / `◆为严厉打击…`): each bulleted paragraph opens an
    /// item of its own, with the paragraphs under it up to the next bullet. Only where no
    /// text stands between the item's head and its first bullet: a list inside an article
    /// follows some text of that article. The column's banner (the head above the bullets) is
    /// furniture.
    static func splitBullets(_ items: inout [PageItem], _ lines: [PageLine], _ roles: [LineRole]) {
        guard lines.indices.lazy.filter({ isBullet($0, lines, roles) }).prefix(2).count == 2 else { return }
        var out: [PageItem] = []
        for item in items {
            // under a real headline, or as `■美联社：…` labelled points, the bullets are a list
            // inside one article; a briefs column's banner is a short label
            let bullets = item.blocks.filter { isBullet($0, lines, roles) }
            let labelled = bullets.allSatisfy { b in
                lines[b].text.unicodeScalars.prefix(16).contains { $0 == ":" || $0 == "\u{FF1A}" }
            }
            guard item.photo == nil, !labelled, (item.head?.headline.title.count ?? 0) <= ArticleHeads.minUnmarkedHeadline,
                  let firstBullet = item.blocks.firstIndex(where: { isBullet($0, lines, roles) }),
                  !item.blocks[..<firstBullet].contains(where: { roles[$0] == .body }) else {
                out.append(item)
                continue
            }
            var current: PageItem?
            for b in item.blocks[firstBullet...] {
                if isBullet(b, lines, roles) {
                    if let c = current { out.append(c) }
                    current = PageItem(head: nil, photo: nil, blocks: [b], order: b, bullet: true)
                } else {
                    current?.blocks.append(b)
                }
            }
            if let c = current { out.append(c) }
        }
        items = out
    }
}
