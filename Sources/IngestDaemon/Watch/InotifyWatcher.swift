import CInotify
import Foundation
import Synchronization

/// The one owner of libinotifytools. The library keeps process-global state, is not
/// thread-safe, returns each event in a static buffer and blocks in `select()`, so every
/// call to it happens on one dedicated thread; events are copied there and handed to Swift
/// concurrency through an `AsyncStream`. A 1 s timeout keeps `stop()` prompt.
final class InotifyWatcher: Sendable {
    enum StartError: Error, CustomStringConvertible {
        case initialize(errno: Int32)
        case watch(path: String, errno: Int32)

        var description: String {
            switch self {
            case .initialize(let e): return "inotify unavailable: \(String(cString: strerror(e)))"
            case .watch(let p, let e): return "cannot watch \(p): \(String(cString: strerror(e)))"
            }
        }
    }

    /// Process-wide: libinotifytools can be initialised once per process.
    private static let libraryInUse = Atomic<Bool>(false)

    let events: AsyncStream<InboxEvent>
    private let continuation: AsyncStream<InboxEvent>.Continuation
    private let root: String
    private let stopping = Atomic<Bool>(false)
    private let watchCount = Atomic<Int>(0)
    private let finished = Mutex<Bool>(false)
    private let startResult = Mutex<Result<Void, StartError>?>(nil)
    /// Set when the event buffer was full and an event was dropped.
    private let lostEvents = Atomic<Bool>(false)
    private let started = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF)

    /// - Parameter bufferLimit: events held for the daemon; beyond it they are dropped and
    ///   an overflow is reported, so memory stays bounded during a burst.
    init(root: String, bufferLimit: Int = 16384) {
        self.root = root
        (events, continuation) = AsyncStream.makeStream(of: InboxEvent.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    }

    var watches: Int { watchCount.load(ordering: .relaxed) }

    /// Starts the thread, initialises the library and adds the recursive watch; returns once
    /// the watch is in place (so a scan started afterwards cannot miss a file).
    func start() throws(StartError) {
        guard !Self.libraryInUse.exchange(true, ordering: .acquiringAndReleasing) else {
            throw .initialize(errno: EBUSY)
        }
        let thread = Thread { [self] in self.run() }
        thread.name = "inotify"
        thread.start()
        started.wait()
        if case .failure(let failure) = startResult.withLock({ $0 }) { throw failure }
    }

    /// Asks the thread to stop and waits for it (at most about one second).
    func stop() {
        stopping.store(true, ordering: .relaxed)
        exited.wait()
        exited.signal()
    }

    private func run() {
        defer {
            inotifytools_cleanup()
            Self.libraryInUse.store(false, ordering: .releasing)
            continuation.finish()
            exited.signal()
        }
        guard inotifytools_initialize() != 0 else {
            startResult.withLock { $0 = .failure(.initialize(errno: Int32(inotifytools_error()))) }
            started.signal()
            return
        }
        guard inotifytools_watch_recursively(root, Int32(Self.mask)) != 0 else {
            startResult.withLock { $0 = .failure(.watch(path: root, errno: Int32(inotifytools_error()))) }
            started.signal()
            return
        }
        watchCount.store(Int(inotifytools_get_num_watches()), ordering: .relaxed)
        startResult.withLock { $0 = .success(()) }
        started.signal()

        while !stopping.load(ordering: .relaxed) {
            guard let event = inotifytools_next_event(1) else { continue }
            handle(event)
        }
    }

    /// Copies what is needed out of the static event buffer, on the watcher thread.
    private func handle(_ event: UnsafeMutablePointer<inotify_event>) {
        let mask = event.pointee.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            emit(.overflow)
            return
        }
        guard let dirC = inotifytools_filename_from_wd(event.pointee.wd) else { return }
        var dir = String(cString: dirC)
        if dir.hasSuffix("/") { dir.removeLast() }
        // the name is the flexible array member that follows the fixed header
        let name = event.pointee.len > 0
            ? String(cString: UnsafeRawPointer(event).advanced(by: MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self))
            : ""
        let path = name.isEmpty ? dir : dir + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // watch first, then let the daemon scan: files created before the watch are found by the scan
                if inotifytools_watch_recursively(path, Int32(Self.mask)) == 0 {
                    let e = Int32(inotifytools_error())
                    if e != ENOENT { emit(.unwatched(path, errno: e)) }  // ENOENT: gone again already
                }
                watchCount.store(Int(inotifytools_get_num_watches()), ordering: .relaxed)
                emit(.directory(path))
            }
            return
        }
        if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
            emit(.file(path))
        } else if mask & UInt32(IN_CREATE) != 0 {
            // links and FIFOs are never written and closed: report them at creation so
            // they are refused at once (regular files wait for their close)
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG { emit(.file(path)) }
        }
        if mask & UInt32(IN_IGNORED | IN_DELETE_SELF) != 0 {
            watchCount.store(Int(inotifytools_get_num_watches()), ordering: .relaxed)
        }
    }

    private func emit(_ e: InboxEvent) {
        if case .dropped = continuation.yield(e) { lostEvents.store(true, ordering: .relaxed) }
    }

    /// True once after events were dropped for lack of room: the daemon must rescan.
    func takeLostEvents() -> Bool {
        lostEvents.exchange(false, ordering: .relaxed)
    }
}
