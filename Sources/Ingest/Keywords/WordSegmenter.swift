/// Dictionary word segmentation: every dictionary word starting at each position forms a
/// DAG, and the path of maximum total log-probability is the segmentation (the method of
/// jieba's `cut(HMM=False)`, over the same published dictionary). Works on UTF-16 units of
/// one run of Han/alphanumeric text and reports tokens as ranges, so no `String` is built
/// per token.
struct WordSegmenter {
    let lexicon: Lexicon

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

    /// Tokens of `text[range]`, which must hold word units only. Scratch arrays are reused.
    func segment(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, into tokens: inout [Token],
                 scratch: inout Scratch) {
        let n = range.count
        guard n > 0 else { return }
        let base = range.lowerBound
        scratch.prepare(n + 1)
        let unknown = -lexicon.logTotal
        scratch.score[n] = 0
        scratch.next[n] = n
        var idx = n - 1
        while idx >= 0 {
            var bestScore = -Double.infinity
            var bestEnd = idx
            var bestNode = Lexicon.none
            var node = lexicon.root(text[base + idx])
            var x = idx
            var found = false
            while node != Lexicon.none {
                if lexicon.isWord(node) {
                    found = true
                    let s = Double(lexicon.wordLogProb(node)) + scratch.score[x + 1]
                    if s >= bestScore { bestScore = s; bestEnd = x; bestNode = node }
                }
                x += 1
                if x >= n { break }
                node = lexicon.child(node, text[base + x])
            }
            if !found {
                bestScore = unknown + scratch.score[idx + 1]
                bestEnd = idx
                bestNode = lexicon.root(text[base + idx])
            }
            scratch.score[idx] = bestScore
            scratch.next[idx] = bestEnd + 1
            scratch.node[idx] = bestNode
            idx -= 1
        }
        // walk the best path; runs of single ASCII letters/digits become one token
        var i = 0
        var asciiStart = -1
        while i < n {
            let j = scratch.next[i]
            if j == i + 1, Self.isASCIIAlnum(text[base + i]) {
                if asciiStart < 0 { asciiStart = i }
                i = j
                continue
            }
            if asciiStart >= 0 {
                tokens.append(Token(start: base + asciiStart, end: base + i, node: lexicon.lookup(text[(base + asciiStart)..<(base + i)])))
                asciiStart = -1
            }
            tokens.append(Token(start: base + i, end: base + j, node: scratch.node[i]))
            i = j
        }
        if asciiStart >= 0 {
            tokens.append(Token(start: base + asciiStart, end: base + n, node: lexicon.lookup(text[(base + asciiStart)..<(base + n)])))
        }
    }

    /// Reusable buffers for the DAG pass.
    struct Scratch {
        var score: [Double] = []
        var next: [Int] = []
        var node: [Lexicon.Node] = []

        mutating func prepare(_ n: Int) {
            if score.count < n {
                score = [Double](repeating: 0, count: n * 2)
                next = [Int](repeating: 0, count: n * 2)
                node = [Lexicon.Node](repeating: Lexicon.none, count: n * 2)
            }
        }
    }
}
