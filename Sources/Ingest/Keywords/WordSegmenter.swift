/// Dictionary word segmentation: every dictionary word starting at each position forms a
/// DAG, and the path of maximum total log-probability is the segmentation (the method of
/// jieba's `cut(HMM=False)`, over the same published dictionary). Works on UTF-16 units of
/// one run of Han/alphanumeric text and reports tokens as ranges, so no `String` is built
/// per token.
struct WordSegmenter {
    struct Token {
        var start: Int
        var end: Int
        /// The lexicon node when the token is a dictionary word (or IDF entry), else `Lexicon.none`.
        var node: Lexicon.Node
    }

    /// Characters jieba treats as word material: Han, ASCII letters and digits, `+#&._%-`.
    @inline(__always)
    static func isWordUnit(_ u: UInt16) -> Bool {
        switch u {
        case 0x4E00...0x9FD5, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x2B, 0x23, 0x26, 0x2E, 0x5F, 0x25, 0x2D: return true
        default: return false
        }
    }

    @inline(__always)
    static func isASCIIAlnum(_ u: UInt16) -> Bool {
        (0x30...0x39).contains(u) || (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u)
    }

    /// Reusable buffers for the DAG pass, allocated once per extraction and grown when a run
    /// is longer. Plain memory (not arrays) so the hot loops carry no bounds or uniqueness
    /// checks; owned by this object, freed with it.
    final class Scratch {
        private(set) var capacity = 0
        private(set) var score = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        private(set) var next = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        private(set) var best = UnsafeMutablePointer<Lexicon.Node>.allocate(capacity: 1)
        /// The one- and two-unit prefix nodes at each position, and their log-probabilities.
        private(set) var first = UnsafeMutablePointer<Lexicon.Node>.allocate(capacity: 1)
        private(set) var second = UnsafeMutablePointer<Lexicon.Node>.allocate(capacity: 1)
        private(set) var firstProb = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        private(set) var secondProb = UnsafeMutablePointer<Float>.allocate(capacity: 1)

        func prepare(_ n: Int) {
            guard capacity < n else { return }
            release()
            capacity = max(n, 1024) * 2
            score = .allocate(capacity: capacity)
            next = .allocate(capacity: capacity)
            best = .allocate(capacity: capacity)
            first = .allocate(capacity: capacity)
            second = .allocate(capacity: capacity)
            firstProb = .allocate(capacity: capacity)
            secondProb = .allocate(capacity: capacity)
        }

        private func release() {
            score.deallocate(); next.deallocate(); best.deallocate()
            first.deallocate(); second.deallocate(); firstProb.deallocate(); secondProb.deallocate()
        }

        deinit { release() }
    }

    /// Appends the tokens of every run of `unit` characters in `text` (the rest separates
    /// runs and yields no token).
    static func segmentRuns(_ lexicon: Lexicon, _ text: [UInt16], unit: (UInt16) -> Bool, into tokens: inout [Token]) {
        let scratch = Scratch()
        let logTotal = lexicon.logTotal
        lexicon.withView { view in
            text.withUnsafeBufferPointer { buf in
                var i = 0
                while i < buf.count {
                    guard unit(buf[i]) else { i += 1; continue }
                    var j = i + 1
                    while j < buf.count, unit(buf[j]) { j += 1 }
                    segment(view, logTotal: logTotal, buf, i..<j, into: &tokens, scratch: scratch)
                    i = j
                }
            }
        }
    }

    /// Appends the tokens of `text[range]`, which must hold word units only.
    static func segment(_ v: Lexicon.View, logTotal: Double, _ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>,
                        into tokens: inout [Token], scratch: Scratch) {
        let n = range.count
        guard n > 0 else { return }
        let base = range.lowerBound
        scratch.prepare(n + 1)
        let unknown = -logTotal
        // Pass 1: the first two steps of every position's walk. These lookups do not depend
        // on each other, so their cache misses overlap; inside one walk each step waits for
        // the one before. Most walks end within two steps.
        let first = scratch.first, second = scratch.second, firstProb = scratch.firstProb, secondProb = scratch.secondProb
        let score = scratch.score, next = scratch.next, best = scratch.best
        for i in 0..<n {
            let a = v.root(text[base + i])
            first[i] = a
            let b = a != Lexicon.none && i + 1 < n ? v.pair(text[base + i], text[base + i + 1]) : Lexicon.none
            second[i] = b
            firstProb[i] = a != Lexicon.none ? v.logProb(a) : .nan
            secondProb[i] = b != Lexicon.none ? v.logProb(b) : .nan
        }
        // Pass 2: the DAG, from the end.
        score[n] = 0
        next[n] = Int32(n)
        var idx = n - 1
        while idx >= 0 {
            var bestScore = -Double.infinity
            var bestEnd = idx
            var bestNode = Lexicon.none
            let a = first[idx]
            if a != Lexicon.none {
                let p1 = firstProb[idx]
                if !p1.isNaN { bestScore = Double(p1) + score[idx + 1]; bestNode = a }
                var node = second[idx]
                if node != Lexicon.none {
                    let p2 = secondProb[idx]
                    if !p2.isNaN {
                        let s = Double(p2) + score[idx + 2]
                        if s >= bestScore { bestScore = s; bestEnd = idx + 1; bestNode = node }
                    }
                    var x = idx + 2
                    while x < n {
                        node = v.child(node, text[base + x])
                        if node == Lexicon.none { break }
                        let p = v.logProb(node)
                        if !p.isNaN {
                            let s = Double(p) + score[x + 1]
                            if s >= bestScore { bestScore = s; bestEnd = x; bestNode = node }
                        }
                        x += 1
                    }
                }
            }
            if bestScore == -Double.infinity {
                bestScore = unknown + score[idx + 1]
                bestEnd = idx
                bestNode = a
            }
            score[idx] = bestScore
            next[idx] = Int32(bestEnd + 1)
            best[idx] = bestNode
            idx -= 1
        }
        // walk the best path; runs of single ASCII letters/digits become one token
        var i = 0
        var asciiStart = -1
        while i < n {
            let j = Int(next[i])
            if j == i + 1, isASCIIAlnum(text[base + i]) {
                if asciiStart < 0 { asciiStart = i }
                i = j
                continue
            }
            if asciiStart >= 0 {
                tokens.append(Token(start: base + asciiStart, end: base + i,
                                    node: v.lookup(text[(base + asciiStart)..<(base + i)])))
                asciiStart = -1
            }
            tokens.append(Token(start: base + i, end: base + j, node: best[i]))
            i = j
        }
        if asciiStart >= 0 {
            tokens.append(Token(start: base + asciiStart, end: base + n,
                                node: v.lookup(text[(base + asciiStart)..<(base + n)])))
        }
    }
}
