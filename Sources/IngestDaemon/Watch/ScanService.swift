/// Periodic full scans of the inbox besides the events (every `rescan_interval_s`, or the
/// polling pace when inotify cannot be used). Ticks of at most a second, so a pace
/// shortened by the watch limit applies at once.
struct ScanService: DaemonService {
    let name = "scans"
    let scans: ScanCoordinator
    let pace: RescanPace
    private let loop = TaskBox()

    init(scans: ScanCoordinator, pace: RescanPace) {
        self.scans = scans
        self.pace = pace
    }

    func start() async throws {
        loop.set(Task { [scans, pace] in
            var last = RFC3339Clock.now()
            while !Task.isCancelled {
                let every = pace.value
                try? await Task.sleep(for: .seconds(every > 0 ? min(every, 1) : 1))
                let now = RFC3339Clock.now()
                if !Task.isCancelled, every > 0, now - last >= every {
                    last = now
                    await scans.request()
                }
            }
        })
    }

    func quiesce() async {
        loop.cancel()
        await scans.stop()
    }

    func shutdown() async {}
}
