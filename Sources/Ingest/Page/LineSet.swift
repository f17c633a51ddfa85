/// Lines of one page that a step has already given to an item (a picture's caption and
/// credit, say), as one flag per line. The head finder asks "is line k taken" several times
/// for every line of the page; a `Set<Int>` hashed each question, which showed in profiles
/// of pages of many short lines.
struct LineSet: Sendable {
    private var flags: [Bool]

    init(lineCount: Int) {
        flags = [Bool](repeating: false, count: lineCount)
    }

    init<S: Sequence<Int>>(_ lines: S, lineCount: Int) {
        self.init(lineCount: lineCount)
        formUnion(lines)
    }

    func contains(_ line: Int) -> Bool {
        line >= 0 && line < flags.count && flags[line]
    }

    mutating func insert(_ line: Int) {
        flags[line] = true
    }

    mutating func formUnion<S: Sequence<Int>>(_ lines: S) {
        for line in lines { flags[line] = true }
    }
}
