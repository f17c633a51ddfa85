/// The parser's markers (`本报记者`, `通讯员`, `摄`, `问`/`答`, `责任编辑`) and name lists
/// are written in simplified characters. A page printed in traditional characters is
/// parsed from a folded copy in which its traditional characters are replaced by their
/// simplified forms (`HanVariants`), and every string the parser returns is mapped back, so
/// records keep the page's own characters.
///
/// The fold is built per page and is exactly reversible: a character is folded only when
/// the page never uses its simplified form and uses only one of the traditional forms that
/// share it (`發` and `髮` on one page would both become `发` and could not be told apart
/// again). Every pair is one BMP Han character for another, so lengths do not change.
struct TraditionalFold {
    /// Per Han unit from `HanVariants.base`: what it becomes (0: itself). Arrays, not
    /// dictionaries: hashing every character of a page was most of the fold's cost.
    private let forward: [UInt16]
    private let backward: [UInt16]
    /// The page with its traditional characters folded.
    let folded: String

    /// nil when the page is not printed in traditional characters.
    init?(page: String) {
        guard HanVariants.isTraditional(page) else { return nil }
        let base = HanVariants.base, count = HanVariants.end - HanVariants.base
        // per simplified form: printed as is, and its one traditional source (0xFFFF: several)
        var present = [Bool](repeating: false, count: count)
        var source = [UInt16](repeating: 0, count: count)
        HanVariants.table.withUnsafeBufferPointer { table in
            for u in page.utf16 {
                let i = Int(u) - base
                guard i >= 0, i < count else { continue }
                let s = table[i]
                if s == 0 { present[i] = true; continue }
                let t = Int(s) - base
                if source[t] == 0 { source[t] = u } else if source[t] != u { source[t] = 0xFFFF }
            }
        }
        var forward = [UInt16](repeating: 0, count: count), backward = [UInt16](repeating: 0, count: count)
        for t in 0..<count where source[t] != 0 && source[t] != 0xFFFF && !present[t] {
            forward[Int(source[t]) - base] = UInt16(t + base)
            backward[t] = source[t]
        }
        self.forward = forward
        self.backward = backward
        self.folded = Self.map(page, forward)
    }

    /// A string the parser produced from the folded page, in the page's own characters.
    func restore(_ s: String) -> String { Self.map(s, backward) }

    func restore(_ page: ParsedPage) -> ParsedPage {
        var out = page
        out.metadata.paper = page.metadata.paper.map(restore)
        out.metadata.date = page.metadata.date.map(restore)
        out.metadata.edition = page.metadata.edition.map(restore)
        out.metadata.section = page.metadata.section.map(restore)
        out.metadata.issue = page.metadata.issue.map(restore)
        out.articles = page.articles.map { a in
            var r = a
            r.title = restore(a.title)
            r.subtitle = a.subtitle.map(restore)
            r.kicker = a.kicker.map(restore)
            r.authors = a.authors.map(restore)
            r.authorNote = a.authorNote.map(restore)
            r.paragraphs = a.paragraphs.map(restore)
            return r
        }
        out.furniture = page.furniture.map(restore)
        return out
    }

    private static func map(_ s: String, _ table: [UInt16]) -> String {
        let base = HanVariants.base
        var units = Array(s.utf16)
        var changed = false
        table.withUnsafeBufferPointer { table in
            for k in units.indices {
                let i = Int(units[k]) - base
                guard i >= 0, i < table.count, table[i] != 0 else { continue }
                units[k] = table[i]
                changed = true
            }
        }
        return changed ? String(decoding: units, as: UTF16.self) : s
    }
}
