/// A word list with frequencies and IDF weights in a compact trie, built from the text files
/// Debian's python3-jieba ships (`dict.txt`: `word freq [tag]`; `idf.txt`: `word idf`).
///
/// Layout: one node per distinct prefix (about 510 000 for jieba's files), stored as parallel
/// arrays; the children of a node are contiguous and sorted, the root's are found through a
/// direct table over the Basic Multilingual Plane. About 8 MiB in all, built in one pass of
/// bucket sorts without materialising a `String` per word.
public struct Lexicon: Sendable {
    typealias Node = Int32
    static let none: Node = -1

    /// One trie node; 16 bytes, so a lookup touches one cache line.
    struct NodeData {
        var unit: UInt16
        var childCount: UInt16
        var firstChild: Int32
        /// ln(freq / total) for dictionary words, NaN for prefixes that are not words.
        var logProb: Float
        /// IDF weight, NaN when the IDF table lacks the word.
        var idf: Float
    }

    private var nodes: [NodeData] = []
    /// The `unit` of every node again, densely packed: child searches read only this.
    private var units: [UInt16] = []
    private var rootTable: [Int32] = []
    /// Second-level nodes by their two units, open addressing: `key << 32 | node`. The step
    /// from a first character to a second is the one with hundreds of children to search
    /// (`中` has over a thousand), and one probe here replaces a binary search's cache misses.
    private var pairTable: [UInt64] = []
    private var pairShift: UInt32 = 32

    /// ln(total frequency): the cost of a character the dictionary does not know.
    public private(set) var logTotal: Double = 0
    /// Median IDF, used for words the IDF table lacks (as jieba does).
    public private(set) var medianIDF: Float = 0
    public private(set) var wordCount = 0

    public enum LoadError: Error, CustomStringConvertible {
        case malformed(file: String, line: Int)
        case emptyDictionary

        public var description: String {
            switch self {
            case .malformed(let file, let line): return "\(file): line \(line) is not `word number`"
            case .emptyDictionary: return "the dictionary holds no words"
            }
        }
    }

    /// - Parameters:
    ///   - dictionary: bytes of a jieba-format dictionary (`word freq [tag]` per line).
    ///   - idf: bytes of a jieba-format IDF table (`word idf` per line).
    public init(dictionary: consuming [UInt8], idf: consuming [UInt8]) throws(LoadError) {
        var units: [UInt16] = []
        var starts: [Int32] = []
        var lengths: [UInt8] = []
        var freqs: [Float] = []   // dictionary frequency, or -1 for IDF-only entries
        var idfs: [Float] = []    // IDF, or NaN for dictionary-only entries
        units.reserveCapacity(1_200_000)
        var total = 0.0

        try Self.readPairs(dictionary, file: "dictionary") { word, value in
            starts.append(Int32(units.count))
            units.append(contentsOf: word)
            lengths.append(UInt8(word.count))
            freqs.append(Float(value))
            idfs.append(.nan)
            total += value
        }
        guard total > 0 else { throw .emptyDictionary }
        // the file's bytes are read: freed now, not held through the build (the build is
        // the daemon's peak of memory)
        _ = consume dictionary
        var idfList: [Float] = []
        try Self.readPairs(idf, file: "IDF table") { word, value in
            starts.append(Int32(units.count))
            units.append(contentsOf: word)
            lengths.append(UInt8(word.count))
            freqs.append(-1)
            idfs.append(Float(value))
            idfList.append(Float(value))
        }
        _ = consume idf
        idfList.sort()
        medianIDF = idfList.isEmpty ? 10 : idfList[idfList.count / 2]
        logTotal = total.naturalLog

        build(units: units, starts: starts, lengths: lengths, freqs: freqs, idfs: idfs)
    }

    /// Calls `body` with the UTF-16 units of each line's first field and the second field as
    /// a number. Words outside the BMP or longer than 255 units are skipped.
    private static func readPairs(_ bytes: [UInt8], file: String, _ body: ([UInt16], Double) -> Void) throws(LoadError) {
        var lineNo = 0
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNo += 1
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            if end > lineStart {
                var sp = lineStart
                while sp < end, bytes[sp] != 0x20, bytes[sp] != 0x09 { sp += 1 }
                var numStart = sp
                while numStart < end, bytes[numStart] == 0x20 || bytes[numStart] == 0x09 { numStart += 1 }
                var numEnd = numStart
                while numEnd < end, bytes[numEnd] != 0x20, bytes[numEnd] != 0x09 { numEnd += 1 }
                guard sp > lineStart, numEnd > numStart,
                      let value = Double(String(decoding: bytes[numStart..<numEnd], as: UTF8.self)) else {
                    throw .malformed(file: file, line: lineNo)
                }
                let word = Array(String(decoding: bytes[lineStart..<sp], as: UTF8.self).utf16)
                if word.count <= 255, !word.contains(where: { (0xD800...0xDFFF).contains($0) }) { body(word, value) }
            }
            lineStart = lineEnd + 1
        }
    }

    /// Depth-first construction: each task holds the entries sharing one node's prefix,
    /// sorts them by their next unit and allocates the node's children as one block. A
    /// stack (not a queue) keeps the pending tasks to a path's worth of siblings.
    private mutating func build(units: [UInt16], starts: [Int32], lengths: [UInt8], freqs: [Float], idfs: [Float]) {
        let count = starts.count
        var order = [Int32](0..<Int32(count))
        // (the prefixes number fewer than the entries: about 510 000 for 610 000 entries)
        nodes.reserveCapacity(count)
        func append(_ u: UInt16) {
            nodes.append(NodeData(unit: u, childCount: 0, firstChild: 0, logProb: .nan, idf: .nan))
        }
        append(0) // root
        var tasks: [(node: Int32, lo: Int, hi: Int, depth: Int)] = [(0, 0, count, 0)]
        var words = 0
        while let (node, lo, hi, depth) = tasks.popLast() {
            // key: the unit at `depth`, or -1 when the entry ends at this node
            order.withUnsafeMutableBufferPointer { buf in
                var slice = UnsafeMutableBufferPointer(rebasing: buf[lo..<hi])
                slice.sort { a, b in
                    let ka = Int(lengths[Int(a)]) > depth ? Int(units[Int(starts[Int(a)]) + depth]) : -1
                    let kb = Int(lengths[Int(b)]) > depth ? Int(units[Int(starts[Int(b)]) + depth]) : -1
                    return ka < kb
                }
            }
            var i = lo
            while i < hi, Int(lengths[Int(order[i])]) == depth {
                let e = Int(order[i])
                if freqs[e] >= 0 {
                    if nodes[Int(node)].logProb.isNaN { words += 1 }
                    nodes[Int(node)].logProb = Float(Double(max(freqs[e], 1)).naturalLog - logTotal)
                }
                if !idfs[e].isNaN { nodes[Int(node)].idf = idfs[e] }
                i += 1
            }
            // one child per distinct next unit
            var groups: [(UInt16, Int, Int)] = []
            while i < hi {
                let u = units[Int(starts[Int(order[i])]) + depth]
                var j = i + 1
                while j < hi, units[Int(starts[Int(order[j])]) + depth] == u { j += 1 }
                groups.append((u, i, j))
                i = j
            }
            guard !groups.isEmpty else { continue }
            let first = Int32(nodes.count)
            nodes[Int(node)].firstChild = first
            nodes[Int(node)].childCount = UInt16(min(groups.count, Int(UInt16.max)))
            for (k, g) in groups.enumerated() {
                append(g.0)
                tasks.append((first + Int32(k), g.1, g.2, depth + 1))
            }
        }
        wordCount = words
        self.units = nodes.map(\.unit)
        rootTable = [Int32](repeating: Self.none, count: 65536)
        let rootFirst = Int(nodes[0].firstChild)
        for k in 0..<Int(nodes[0].childCount) { rootTable[Int(nodes[rootFirst + k].unit)] = Int32(rootFirst + k) }
        buildPairTable()
    }

    private mutating func buildPairTable() {
        var pairs = 0
        let rootFirst = Int(nodes[0].firstChild)
        for k in 0..<Int(nodes[0].childCount) { pairs += Int(nodes[rootFirst + k].childCount) }
        var bits = 4
        while (1 << bits) < pairs * 2 { bits += 1 }   // load factor at most 1/2
        pairShift = UInt32(32 - bits)
        pairTable = [UInt64](repeating: 0, count: 1 << bits)
        let mask = (1 << bits) - 1
        for k in 0..<Int(nodes[0].childCount) {
            let first = nodes[rootFirst + k]
            for c in 0..<Int(first.childCount) {
                let node = Int(first.firstChild) + c
                let key = UInt32(first.unit) << 16 | UInt32(nodes[node].unit)
                var slot = Self.pairSlot(key, shift: pairShift)
                while pairTable[slot] != 0 { slot = (slot + 1) & mask }
                pairTable[slot] = UInt64(key) << 32 | UInt64(UInt32(node))
            }
        }
    }

    @inline(__always)
    static func pairSlot(_ key: UInt32, shift: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> shift) }

    /// Read access for hot loops, without bounds checks or reference counting per step.
    struct View {
        let nodes: UnsafeBufferPointer<NodeData>
        let units: UnsafeBufferPointer<UInt16>
        let rootTable: UnsafeBufferPointer<Int32>
        let pairTable: UnsafeBufferPointer<UInt64>
        let pairShift: UInt32

        @inline(__always)
        func root(_ u: UInt16) -> Node { rootTable[Int(u)] }

        /// The node for the two-unit prefix `a b`, or `none` (keys are never 0: `a` is a root unit, never 0).
        @inline(__always)
        func pair(_ a: UInt16, _ b: UInt16) -> Node {
            let key = UInt32(a) << 16 | UInt32(b)
            let mask = pairTable.count - 1
            var slot = Lexicon.pairSlot(key, shift: pairShift)
            while true {
                let e = pairTable[slot]
                if e == 0 { return Lexicon.none }
                if UInt32(truncatingIfNeeded: e >> 32) == key { return Node(truncatingIfNeeded: Int64(e & 0xFFFF_FFFF)) }
                slot = (slot + 1) & mask
            }
        }

        @inline(__always)
        func child(_ node: Node, _ u: UInt16) -> Node {
            let n = nodes[Int(node)]
            let first = Int(n.firstChild)
            let count = Int(n.childCount)
            // few children: scan their nodes themselves, so the one cache miss that finds
            // the child also brings its logProb for the caller's next read
            if count <= 8 {
                var k = 0
                while k < count {
                    if nodes[first + k].unit == u { return Node(first + k) }
                    k += 1
                }
                return Lexicon.none
            }
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) >> 1
                let m = units[first + mid]
                if m == u { return Node(first + mid) }
                if m < u { lo = mid + 1 } else { hi = mid }
            }
            return Lexicon.none
        }

        @inline(__always)
        func logProb(_ node: Node) -> Float { nodes[Int(node)].logProb }

        @inline(__always)
        func idf(_ node: Node) -> Float? {
            let v = nodes[Int(node)].idf
            return v.isNaN ? nil : v
        }

        /// The node for a whole word, or `none`.
        func lookup<C: Collection>(_ units: C) -> Node where C.Element == UInt16 {
            var node = Lexicon.none
            for (k, u) in units.enumerated() {
                node = k == 0 ? root(u) : child(node, u)
                if node == Lexicon.none { return node }
            }
            return node
        }
    }

    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try nodes.withUnsafeBufferPointer { n in
            try units.withUnsafeBufferPointer { u in
                try rootTable.withUnsafeBufferPointer { r in
                    try pairTable.withUnsafeBufferPointer { p in
                        try body(View(nodes: n, units: u, rootTable: r, pairTable: p, pairShift: pairShift))
                    }
                }
            }
        }
    }

    func idf(_ node: Node) -> Float? { withView { $0.idf(node) } }

    func lookup<C: Collection>(_ units: C) -> Node where C.Element == UInt16 {
        withView { $0.lookup(units) }
    }

    public func contains(_ word: String) -> Bool {
        contains(Array(word.utf16))
    }

    func contains<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
        let n = lookup(units)
        return n != Self.none && !nodes[Int(n)].logProb.isNaN
    }

    /// Whether a dictionary word runs across the boundary between the end of `left` and
    /// the start of `right` (`…也` + `是…` → 也是): evidence that a line was cut mid-sentence.
    public func spansWord(_ left: String, _ right: String) -> Bool {
        let l = Array(left.utf16.suffix(3)), r = Array(right.utf16.prefix(3))
        guard !l.isEmpty, !r.isEmpty else { return false }
        return withView { v in
            for k in 0..<l.count {
                var node = v.root(l[k])
                var i = k + 1
                while node != Self.none, i < l.count { node = v.child(node, l[i]); i += 1 }
                guard node != Self.none else { continue }
                for u in r {
                    node = v.child(node, u)
                    if node == Self.none { break }
                    let p = v.logProb(node)
                    if !p.isNaN, p > -14 { return true }
                }
            }
            return false
        }
    }
}

private extension Double {
    var naturalLog: Double {
        #if canImport(Glibc)
        return Glibc.log(self)
        #else
        return Foundation.log(self)
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
