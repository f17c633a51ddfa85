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
        var wide: [Int] = [], narrow: [Int] = []
        wide.reserveCapacity(lines.count)
        narrow.reserveCapacity(lines.count)
        for line in lines {
            var w = 0, a = 0
            for s in line.text.unicodeScalars where isWide(s) {
                w += 1
                if isAmbiguous(s) { a += 1 }
            }
            wide.append(line.length + w)
            narrow.append(line.length + w - a)
        }
        let measures: [(widths: [Int], minimum: Int, slack: Int)] = [
            (wide, minWidth, slack), (narrow, minWidth, slack), (lines.map(\.length), minCharacters, 0),
        ]
        var best: (widths: [Int], width: Int, full: Int, slack: Int)?
        for m in measures {
            if let c = wrapWidth(m.widths, minimum: m.minimum, slack: m.slack), c.full > best?.full ?? 0 {
                best = (m.widths, c.width, c.full, m.slack)
            }
        }
        guard let (widths, w, _, slack) = best else { return lines }
        var out: [PageLine] = []
        out.reserveCapacity(lines.count)
        var i = 0
        while i < lines.count {
            var text = lines[i].text
            var length = lines[i].length
            var j = i
            while widths[j] >= w - slack, j + 1 < lines.count, lines[j + 1].gap == 0 {
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
}
