import Foundation
import Glibc

/// Walks the inbox without following symbolic links, calling `visit` with every
/// non-directory entry whose name passes the filter, one directory at a time (memory
/// grows with the width of one folder and the depth of the tree, not the backlog).
struct InboxScanner: Sendable {
    let root: String

    struct Candidate: Sendable {
        let path: String
        /// Last modification (of the link itself, for a symlink), seconds since the epoch.
        let modified: Double
    }

    /// A folder the walk could not list, or an entry whose name is not valid UTF-8 (EILSEQ):
    /// its files stay in the inbox, untaken.
    struct Unreadable: Sendable, Hashable {
        let path: String
        let errno: Int32
        var reason: String { String(cString: strerror(errno)) }
    }

    /// Return false from `visit` to stop the walk. Returns the folders it could not list.
    /// Runs on the caller's actor, so `visit` may touch the caller's state.
    @discardableResult
    func walk(filter: FileFilter, isolation: isolated (any Actor)? = #isolation, _ visit: (Candidate) async -> Bool) async -> [Unreadable] {
        var stack = [root]
        var unreadable: [Unreadable] = []
        while let dir = stack.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                // ask the system why, in its own words (FileManager's message is not errno's)
                if let d = opendir(dir) { closedir(d) } else if errno != ENOENT { unreadable.append(Unreadable(path: dir, errno: errno)) }
                continue
            }
            for name in names.sorted() {
                let path = dir + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else {
                    // a name that is not UTF-8 reaches Swift with U+FFFD in it and cannot be
                    // opened by that spelling: say so rather than skip it in silence
                    if name.unicodeScalars.contains("\u{FFFD}") { unreadable.append(Unreadable(path: path, errno: EILSEQ)) }
                    continue
                }
                if st.st_mode & S_IFMT == S_IFDIR {
                    stack.append(path)
                    continue
                }
                guard filter.accepts(name: name) else { continue }
                let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
                if !(await visit(Candidate(path: path, modified: mtime))) { return unreadable }
            }
        }
        return unreadable
    }
}
