/// What the watcher tells the daemon, copied out of the C library's static buffer.
enum InboxEvent: Sendable, Equatable {
    /// A file was closed after writing or moved in: a candidate, by absolute path.
    case file(String)
    /// A folder appeared (created or moved in); it is already watched, and must be scanned
    /// for files that arrived before the watch existed.
    case directory(String)
    /// A folder appeared but could not be watched (`errno` of the attempt: ENOSPC when the
    /// watch limit is reached); only scans can find its files.
    case unwatched(String, errno: Int32)
    /// The kernel queue overflowed, or events were dropped on the way: rescan everything.
    case overflow
}
