import Ingest

/// The compact column layout of `ingestd ingest --explain`: line number, role, record,
/// the text (cut to a screen's share) and the signals.
enum ExplainTable {
    static let textColumns = 34

    static func render(file: String, _ rows: [LineExplanation]) -> String {
        var out = "== \(file)\n" + pad("line", 5) + pad("role", 12) + pad("rec", 4) + pad("text", textColumns) + "  signals\n"
        for r in rows {
            out += pad(String(r.line), 5) + pad(r.role, 12) + pad(r.record.map(String.init) ?? "-", 4)
            out += pad(cut(r.text), textColumns) + "  " + r.signals + "\n"
        }
        return out
    }

    /// Cut to the column, counting a Han character as two cells.
    static func cut(_ text: String) -> String {
        var cells = 0
        var out = ""
        for c in text {
            let w = c.unicodeScalars.first.map { $0.value >= 0x1100 ? 2 : 1 } ?? 1
            if cells + w > textColumns - 1 { return out + "…" }
            cells += w
            out.append(c)
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        let cells = s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
        return cells >= width ? s + " " : s + String(repeating: " ", count: width - cells)
    }
}
