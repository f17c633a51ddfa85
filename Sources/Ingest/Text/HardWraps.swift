/// Hard-wrap re-joining. Text taken from a PDF or a fixed-width export breaks every
/// paragraph into lines of one width; the page rules expect a paragraph per line (a short
/// line is a headline candidate). Such a page is recognised by the width most of its
/// longer lines share, and a line that fills that width is joined with the line after it.
/// Width is measured in display cells (a layout wraps by what fits) or, failing that, in
/// characters (a text export wraps every N characters). Pages written a paragraph per line
/// have no such width and pass through unchanged.
enum HardWraps {
    /// Narrowest wrap width considered, in display cells (a Han character is two).
    static let minWidth = 24
    /// The same in characters.
    static let minCharacters = 12
    /// A wrapped page has at least this many lines at its width ...
    static let minFullLines = 6
    /// ... and they are at least this share of its lines that are not short.
    static let minShare = 0.4
    /// Cells a full line may fall short of the width: a wide character that did not fit,
    /// or punctuation that may not start a line pulled to the line before.
    static let slack = 2

    /// Display width: two cells for East Asian wide characters, one for the rest. Curly
    /// quotes, dashes and the ellipsis are "ambiguous": wide in a CJK font, narrow in a
    /// Western one, so `ambiguousWide` says which the layout used.
    static func width(_ text: String, ambiguousWide: Bool = true) -> Int {
        var w = 0
        for s in text.unicodeScalars { w += isWide(s) && (ambiguousWide || !isAmbiguous(s)) ? 2 : 1 }
        return w
    }

    @inline(__always)
    static func isAmbiguous(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x00B7: return true
        default: return false
        }
    }

    @inline(__always)
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
             0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x00B7:
            return true
        default:
            return false
        }
    }

    /// The wrap width of the page and how many lines fill it, if it has one.
    static func wrapWidth(_ widths: [Int], minimum: Int, slack: Int) -> (width: Int, full: Int)? {
        // counts per width in a plain array (widths are small numbers; a dictionary per page
        // cost more than the rest of this stage)
        guard let maxWidth = widths.max(), maxWidth >= minimum else { return nil }
        var counts = [Int](repeating: 0, count: maxWidth + 1)
        var long = 0
        for w in widths where w >= minimum {
            counts[w] += 1
            long += 1
        }
        // the widest width that most lines share; a wrap may leave full lines a little short
        var w = minimum, n = 0
        for k in minimum...maxWidth where counts[k] >= n && counts[k] > 0 { (w, n) = (k, counts[k]) }
        guard n >= minFullLines else { return nil }
        var band = 0, top = w
        for k in max(minimum, w - slack)...min(maxWidth, w + slack) where counts[k] > 0 {
            band += counts[k]
            top = k
        }
        // lines below `minimum` can be in the band only when slack reaches under it
        if w - slack < minimum { band += widths.filter { $0 >= w - slack && $0 < minimum }.count }
        guard Double(band) >= minShare * Double(long) else { return nil }
        return (top, band)
    }

    /// Joins every full-width line with the next one when no blank line separates them.
    static func rejoin(_ lines: [PageLine]) -> [PageLine] {
        guard lines.count >= minFullLines else { return lines }
        // by cells (ambiguous punctuation wide or narrow) or by characters, whichever more
        // lines fill
        var wide: [Int] = [], narrow: [Int] = [], characters: [Int] = []
        wide.reserveCapacity(lines.count)
        narrow.reserveCapacity(lines.count)
        characters.reserveCapacity(lines.count)
        for line in lines {
            var w = 0, a = 0
            for s in line.text.unicodeScalars where isWide(s) {
                w += 1
                if isAmbiguous(s) { a += 1 }
            }
            // a page's list of editions (`第16版:壮丽70年 奋斗新时代` …) shares one width and is
            // no wrapped text: such lines neither set the width nor join
            let edition = line.length <= 24 && namesAnEdition(line.text)
            wide.append(edition ? 0 : line.length + w)
            narrow.append(edition ? 0 : line.length + w - a)
            characters.append(edition ? 0 : line.length)
        }
        let measures: [(widths: [Int], minimum: Int, slack: Int)] = [
            (wide, minWidth, slack), (narrow, minWidth, slack), (characters, minCharacters, 0),
        ]
        var best: (widths: [Int], width: Int, full: Int, slack: Int)?
        for m in measures {
            if let c = wrapWidth(m.widths, minimum: m.minimum, slack: m.slack), c.full > best?.full ?? 0 {
                best = (m.widths, c.width, c.full, m.slack)
            }
        }
        // narrow columns of old papers (8 characters a line): believed only when that one
        // width holds a third of all lines
        if let c = wrapWidth(characters, minimum: narrowCharacters, slack: 1), c.width < minCharacters,
           c.full * 3 >= lines.count, c.full > best?.full ?? 0 {
            best = (characters, c.width, c.full, 1)
        }
        guard let (widths, w, _, slack) = best else { return joinContinuations(lines) }
        // a page set in two column widths: the lines of the first width set aside, the
        // second one is found the same way
        var second: Int?
        let rest = widths.map { $0 >= w - slack && $0 <= w ? 0 : $0 }
        if let c = wrapWidth(rest, minimum: slack == 0 ? minCharacters : minWidth, slack: slack), c.width < w - slack {
            second = c.width
        }
        // a narrow column's full lines vary by a character or two (punctuation that may not
        // open a line is pulled up, a bracket takes a cell): the slack grows with the width
        let loose = slack == 0 ? 0 : max(slack, w / 8)
        func isFull(_ width: Int) -> Bool {
            width >= w - loose || (second.map { width >= $0 - max(slack, $0 / 8) && width <= $0 } ?? false)
        }
        // in narrow columns a headline group fills the width too; a wider wrap joins a
        // headline that ran over the width, as it should
        let heading = w < minCharacters ? headingBlocks(lines) : [Bool](repeating: false, count: lines.count)
        var out: [PageLine] = []
        out.reserveCapacity(lines.count)
        var i = 0
        while i < lines.count {
            if heading[i] {
                out.append(lines[i])
                i += 1
                continue
            }
            var text = lines[i].text
            var length = lines[i].length
            var j = i
            while isFull(widths[j]) || startsContinued(lines, j + 1), j + 1 < lines.count, lines[j + 1].gap == 0,
                  !isSpacedSignature(lines[j + 1]) {
                j += 1
                // in Latin text the line end separated two words; in Chinese text it only
                // ever cuts a number or a word (`2 063`), which must close up again
                if let a = text.unicodeScalars.last, let b = lines[j].text.unicodeScalars.first,
                   Scalars.isASCIIAlnum(a) || a == ",", Scalars.isASCIIAlnum(b),
                   !text.unicodeScalars.contains(where: isWide) {
                    text += " "
                    length += 1
                }
                text += lines[j].text
                length += lines[j].length
            }
            out.append(PageLine(text: text, number: lines[i].number, gap: lines[i].gap, length: length))
            i = j + 1
        }
        return out
    }

    /// `第16版`, `第A11版`: the line names an edition (`第`, a page code of up to four
    /// characters, `版`). A structural test, cheap enough for every short line.
    static func namesAnEdition(_ text: String) -> Bool {
        var sinceDi = -1
        for s in text.unicodeScalars {
            if s == "第" { sinceDi = 0; continue }
            guard sinceDi >= 0 else { continue }
            if s == "版" { return sinceDi >= 1 }
            sinceDi += 1
            if sinceDi > 4 || !(Scalars.isASCIIAlnum(s) || Scalars.isDigit(s) || MastheadLine.chineseDigit(s) != nil || s == "十") { sinceDi = -1 }
        }
        return false
    }

    /// `陳　雲　裳`: a name set with a space between its characters under a letter signs it;
    /// it is no continuation of the line above.
    static func isSpacedSignature(_ line: PageLine) -> Bool {
        // (two tokens or more: a line with no space is refused before it is split)
        guard (3...8).contains(line.length), line.text.containsASCII(0x20) else { return false }
        let tokens = line.text.split(separator: " ")
        return (2...4).contains(tokens.count) && tokens.allSatisfy { $0.unicodeScalars.count == 1 && $0.unicodeScalars.allSatisfy(Scalars.isHan) }
    }

    /// Blocks (lines between blank lines) of at most four lines with no punctuation at all
    /// are headline groups set in the column's width, not wrapped text.
    static func headingBlocks(_ lines: [PageLine]) -> [Bool] {
        var out = [Bool](repeating: false, count: lines.count)
        var start = 0
        while start < lines.count {
            var end = start + 1
            while end < lines.count, lines[end].gap == 0 { end += 1 }
            if end - start <= 4, lines[start..<end].allSatisfy({ line in
                !line.text.unicodeScalars.contains { Scalars.isSentenceFinal($0) || Scalars.isClauseOpen($0) || Scalars.isClauseFinal($0) }
            }) {
                for k in start..<end { out[k] = true }
            }
            start = end
        }
        return out
    }

    /// Narrowest column, in characters, of a page whose one width dominates.
    static let narrowCharacters = 6

    /// A line that opens with a comma, full stop or closing quote (`，足見關懷，不勝`) goes on
    /// from the line above: no paragraph or headline starts with one.
    static func startsContinued(_ lines: [PageLine], _ k: Int) -> Bool {
        guard k < lines.count, lines[k].gap == 0, let first = lines[k].text.unicodeScalars.first else { return false }
        switch first {
        case "，", "。", "、", "；", "：", "？", "！", "」", "』", "”": return true
        default: return false
        }
    }

    /// Pages with no wrap width still have lines that only go on from the line above.
    static func joinContinuations(_ lines: [PageLine]) -> [PageLine] {
        guard lines.indices.dropFirst().contains(where: { startsContinued(lines, $0) }) else { return lines }
        var out: [PageLine] = []
        out.reserveCapacity(lines.count)
        for (k, line) in lines.enumerated() {
            if k > 0, startsContinued(lines, k), let last = out.popLast() {
                out.append(PageLine(text: last.text + line.text, number: last.number, gap: last.gap, length: last.length + line.length))
            } else {
                out.append(line)
            }
        }
        return out
    }
}
