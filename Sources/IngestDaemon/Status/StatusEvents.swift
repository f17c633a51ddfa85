/// status.json follows the event stream.
extension StatusBoard: EventSubscriber {
    func receive(_ event: DaemonEvent) async {
        switch event {
        case .state(let s): setState(s)
        case .workers(let n): setWorkers(n)
        case .watchMode(let mode, let note): setWatch(mode: mode, note: note)
        case .watches(let n): setWatches(n)
        case .overflow: overflowed()
        case .scanFinished(let at): scanFinished(at: at)
        case .working(let file, let at): startWorking(file, at: at)
        case .workDone(let file): stopWorking(file)
        case .ingested(let c): ingested(file: c.file, articles: c.records.count, bytes: c.bytes, at: c.at)
        case .duplicate(_, let bytes, _, let at): duplicate(bytes: bytes, at: at)
        case .failed(let file, let code, let detail, _, let at): failed(file: file, message: "\(code.rawValue): \(detail)", at: at)
        case .writeFault(let message, let at): writeFault(message, at: at)
        case .problem(let message, _, let at): error(message, at: at)
        case .postgres(let p): setPostgres(p)
        case .abandoned, .deferred, .said, .recordsDurable: break
        }
    }
}
