import Logging

/// The journal's view of events: one line per file, warnings for what needs a person.
struct EventLog: EventSubscriber {
    let log: Logger

    func receive(_ event: DaemonEvent) async {
        switch event {
        case .ingested(let c):
            log.info("ingested \(c.file): \(c.records.count) article(s)")
        case .duplicate(let file, _, _, _):
            log.info("duplicate \(file): same content as a file ingested before; archived without records")
        case .failed(let file, let code, let detail, _, _):
            if code == .io { log.error("failed \(file): io: \(detail)") } else { log.warning("failed \(file): \(code.rawValue): \(detail)") }
        case .abandoned(let file, let reason):
            log.notice("left in the inbox for the next start: \(file) (\(reason))")
        case .deferred(let file, let reason, let firstTime):
            if firstTime { log.warning("cannot move \(file) to failed/: \(reason); left in the inbox and retried") }
        case .overflow(let why):
            log.warning("\(why): rescanning the inbox")
        case .writeFault(let message?, _):
            log.warning("cannot write: \(message); nothing of the batch was kept, its files stay in the inbox and are retried (1 s, doubling to 60 s)")
        case .writeFault(nil, _):
            log.notice("writes succeed again: the waiting files are being committed")
        case .problem(let message, let level, _), .said(let message, let level):
            log.log(level: level, "\(message)")
        // the shipper logs its own changes of state, once each
        case .state, .workers, .watchMode, .watches, .scanFinished, .working, .workDone, .recordsDurable, .postgres:
            break
        }
    }
}
