import Glibc

/// Which names in the inbox are pages: `include` globs minus `exclude` globs (fnmatch), on
/// the file name alone. Temporary names used while copying (`*.part`, dotfiles) are
/// excluded by default, so `cp x .x.tmp && mv .x.tmp x.txt` is taken once, at the rename.
package struct FileFilter: Sendable, Equatable {
    var include: [String]
    var exclude: [String]

    package init(include: [String], exclude: [String]) {
        self.include = include
        self.exclude = exclude
    }

    package func accepts(name: String) -> Bool {
        guard !name.isEmpty else { return false }
        if exclude.contains(where: { Self.match($0, name) }) { return false }
        return include.contains { Self.match($0, name) }
    }

    static func match(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }
}
