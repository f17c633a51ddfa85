/// The Prometheus counters follow the event stream.
extension IngestMetrics: EventSubscriber {
    func receive(_ event: DaemonEvent) async {
        switch event {
        case .ingested(let c): ingested(articles: c.records.count, bytes: c.bytes, took: c.took, at: c.at)
        case .duplicate(_, let bytes, let took, _): duplicate(bytes: bytes, took: took)
        case .failed(_, let code, _, let took, _): failed(code, took: took)
        case .overflow: overflowed()
        case .writeFault(let message, _): writeFault(message != nil)
        case .postgres(let p): postgres(p)
        default: break
        }
    }
}
