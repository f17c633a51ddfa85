/// The rolling summary counts what the event stream reports as finished.
extension SummaryStore: EventSubscriber {
    func receive(_ event: DaemonEvent) async {
        switch event {
        case .ingested(let c): committed(c.records, at: c.recordsAt)
        case .duplicate(_, _, _, let at): duplicate(at: at)
        case .failed(_, _, _, _, let at): failed(at: at)
        default: break
        }
    }
}
