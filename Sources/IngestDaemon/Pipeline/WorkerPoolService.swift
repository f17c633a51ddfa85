/// The workers as a service. A reload resizes the pool; at stop the queue closes (paths
/// still waiting stay in the inbox) and each worker finishes the file in its hands.
final class WorkerPoolService: DaemonService {
    let name = "workers"
    let pool: WorkerPool
    let queue: WorkQueue
    private let sizes: AsyncStream<Int>
    private let sizer: AsyncStream<Int>.Continuation
    private let workers = TaskBox()
    private let initial: Int

    init(pool: WorkerPool, queue: WorkQueue, workers: Int) {
        self.pool = pool
        self.queue = queue
        self.initial = workers
        (sizes, sizer) = AsyncStream.makeStream(of: Int.self)
    }

    func start() async throws {
        workers.set(Task { [pool, sizes] in
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await wanted in sizes {
                    if wanted > running {
                        for id in running..<wanted { group.addTask { await pool.work(id: id) } }
                    }
                    // workers above `wanted` finish their file and leave
                    await pool.setActive(wanted)
                    running = wanted
                }
            }
        })
        sizer.yield(initial)
    }

    func resize(to n: Int) { sizer.yield(n) }

    func quiesce() async { await queue.close() }

    func shutdown() async {
        sizer.finish()
        await workers.value()
    }
}
