/// A tolerant HTML tree, enough for reader mode: elements with their class, id and the few
/// attributes read (meta `content`, `href`), text nodes, and the `<title>`. Written here
/// rather than bound to libxml2: the pure `Ingest` module stays free of C libraries and of
/// global state, the input is bytes already decoded to UTF-8, and the tree only has to be
/// right where a browser's would be on real pages (implied `</p>`, `</li>`, void elements,
/// stray end tags). It never fails and is linear: nesting deeper than `maxDepth` is read as
/// siblings, scripts and styles are skipped to their end tag.
struct HTMLDocument {
    struct Node {
        /// Lower-case tag name; `#text` for text, `#root` for the document.
        var tag: String
        var parent: Int
        var children: [Int] = []
        /// `class` and `id` joined (what reader mode looks at), lower-cased.
        var marks: String = ""
        var href: String?
        var text: String = ""
    }

    var nodes: [Node] = [Node(tag: "#root", parent: -1)]
    var title = ""
    /// `<meta property|name=… content=…>`, keys lower-cased.
    var meta: [String: String] = [:]

    static let maxDepth = 256
    static let void: Set<String> = ["br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col", "embed", "param", "track"]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "select", "textarea", "iframe", "object", "canvas", "button"]
    /// A start tag of one of these closes an open `<p>`.
    static let closesP: Set<String> = [
        "p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav",
        "aside", "blockquote", "pre", "figure", "form", "dl", "hr", "main", "address",
    ]

    static func parse(_ text: String) -> HTMLDocument {
        var doc = HTMLDocument()
        var source = text
        source.withUTF8 { doc.build($0) }
        return doc
    }

    private mutating func build(_ b: UnsafeBufferPointer<UInt8>) {
        var stack: [Int] = [0]
        var textBytes: [UInt8] = []
        let n = b.count
        var i = 0

        func flushText() {
            guard !textBytes.isEmpty else { return }
            if textBytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
                let parent = stack[stack.count - 1]
                nodes.append(Node(tag: "#text", parent: parent, text: String(decoding: textBytes, as: UTF8.self)))
                nodes[parent].children.append(nodes.count - 1)
            }
            textBytes.removeAll(keepingCapacity: true)
        }
        func open(_ name: String, _ attrs: [String: String]) {
            let parent = stack[stack.count - 1]
            var node = Node(tag: name, parent: parent)
            node.marks = ((attrs["class"] ?? "") + " " + (attrs["id"] ?? "")).lowercased()
            node.href = attrs["href"]
            nodes.append(node)
            nodes[parent].children.append(nodes.count - 1)
            if !Self.void.contains(name), stack.count < Self.maxDepth { stack.append(nodes.count - 1) }
        }
        func close(_ name: String) {
            // the nearest open element of that name, if one is open (a stray end tag is ignored)
            guard let k = stack.lastIndex(where: { nodes[$0].tag == name }), k > 0 else { return }
            stack.removeSubrange(k...)
        }

        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "&") {
                i = HTMLText.decodeEntity(b, at: i, into: &textBytes)
                continue
            }
            guard c == UInt8(ascii: "<"), i + 1 < n else {
                textBytes.append(c == 0x0A || c == 0x0D || c == 0x09 ? 0x20 : c)
                i += 1
                continue
            }
            if HTMLText.starts(b, at: i, with: "<!--") {
                i = min(n, (HTMLText.find(b, "-->", from: i + 4) ?? n) + 3)
                continue
            }
            let first = b[i + 1]
            if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") {
                i = (HTMLText.find(b, ">", from: i + 2) ?? (n - 1)) + 1
                continue
            }
            let closing = first == UInt8(ascii: "/")
            var j = closing ? i + 2 : i + 1
            let nameStart = j
            while j < n, HTMLText.isNameByte(b[j]) { j += 1 }
            guard j > nameStart, HTMLText.isLetter(b[nameStart]) else {
                textBytes.append(c)
                i += 1
                continue
            }
            let name = String(decoding: b[nameStart..<j].map(HTMLText.lowerASCII), as: UTF8.self)
            let end = HTMLText.tagClose(b, from: j)
            flushText()
            if closing {
                close(name)
                i = end
                continue
            }
            let attrs = Self.attributes(b, from: j, to: end)
            if Self.skipped.contains(name) || name == "title" {
                // skip to the matching end tag; the title's text is kept
                let close = Self.endTag(b, name, from: end)
                if name == "title" {
                    var t: [UInt8] = []
                    var k = end
                    while k < close.start {
                        if b[k] == UInt8(ascii: "&") {
                            k = HTMLText.decodeEntity(b, at: k, into: &t)
                        } else {
                            t.append(b[k] == 0x0A || b[k] == 0x0D || b[k] == 0x09 ? 0x20 : b[k])
                            k += 1
                        }
                    }
                    if title.isEmpty { title = String(decoding: t, as: UTF8.self).trimmedSpaces() }
                }
                i = close.after
                continue
            }
            if name == "meta" {
                if let key = (attrs["property"] ?? attrs["name"] ?? attrs["itemprop"])?.lowercased(), let content = attrs["content"] {
                    meta[key] = content
                }
                i = end
                continue
            }
            // implied end tags
            let current = nodes[stack[stack.count - 1]].tag
            if current == "p", Self.closesP.contains(name) { close("p") }
            if name == "li", let k = stack.lastIndex(where: { ["li", "ul", "ol"].contains(nodes[$0].tag) }), nodes[stack[k]].tag == "li" { stack.removeSubrange(k...) }
            if name == "dd" || name == "dt", let k = stack.lastIndex(where: { ["dd", "dt", "dl"].contains(nodes[$0].tag) }), nodes[stack[k]].tag != "dl" { stack.removeSubrange(k...) }
            if name == "tr" || name == "td" || name == "th" {
                let cell = name == "tr" ? ["tr"] : ["td", "th"]
                if let k = stack.lastIndex(where: { (cell + ["table"]).contains(nodes[$0].tag) }), cell.contains(nodes[stack[k]].tag) { stack.removeSubrange(k...) }
            }
            open(name, attrs)
            i = end
        }
        flushText()
    }

    /// Where the end tag `</name>` starts and where text resumes after it (the document's end
    /// when there is none).
    static func endTag(_ b: UnsafeBufferPointer<UInt8>, _ name: String, from: Int) -> (start: Int, after: Int) {
        var k = from
        while let lt = HTMLText.find(b, "</", from: k) {
            var e = lt + 2
            while e < b.count, HTMLText.isNameByte(b[e]) { e += 1 }
            if String(decoding: b[(lt + 2)..<e].map(HTMLText.lowerASCII), as: UTF8.self) == name { return (lt, HTMLText.tagClose(b, from: e)) }
            k = lt + 2
        }
        return (b.count, b.count)
    }

    /// `name="value"`, `name='value'`, `name=value` and bare names, names lower-cased.
    static func attributes(_ b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> [String: String] {
        var out: [String: String] = [:]
        var k = from
        let stop = max(from, end - 1)
        while k < stop {
            while k < stop, !HTMLText.isLetter(b[k]) { k += 1 }
            let ns = k
            while k < stop, HTMLText.isNameByte(b[k]) || b[k] == UInt8(ascii: ":") || b[k] == UInt8(ascii: "_") { k += 1 }
            guard k > ns else { break }
            let name = String(decoding: b[ns..<k].map(HTMLText.lowerASCII), as: UTF8.self)
            while k < stop, b[k] == 0x20 { k += 1 }
            guard k < stop, b[k] == UInt8(ascii: "=") else { out[name] = ""; continue }
            k += 1
            while k < stop, b[k] == 0x20 { k += 1 }
            var value: [UInt8] = []
            if k < stop, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                let q = b[k]
                k += 1
                while k < stop, b[k] != q {
                    if b[k] == UInt8(ascii: "&") { k = HTMLText.decodeEntity(b, at: k, into: &value) } else { value.append(b[k]); k += 1 }
                }
                k += 1
            } else {
                while k < stop, b[k] != 0x20, b[k] != UInt8(ascii: ">") { value.append(b[k]); k += 1 }
            }
            if out[name] == nil { out[name] = String(decoding: value, as: UTF8.self) }
        }
        return out
    }
}
