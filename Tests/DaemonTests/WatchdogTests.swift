import Foundation
import Glibc
import Testing

/// The watchdog proves progress, not just a live process: with the sink stuck in an
/// fdatasync (an LD_PRELOAD shim holds it while a file exists, like a hung disk), the pings
/// stop although the process runs; they resume once files move again.
@Suite struct WatchdogTests {
    @Test func aStuckSinkStopsThePingsAndTheyResumeWhenFilesMove() throws {
        let d = try DaemonHarness("watchdog")
        guard try d.preload("hangsync", source: Self.shimSource) else { return }
        defer { d.killHard() }
        let hang = d.root.appendingPathComponent("hang").path
        let socketPath = d.root.appendingPathComponent("notify.sock").path
        let listener = try DatagramListener(path: socketPath)
        d.environment["NOTIFY_SOCKET"] = socketPath
        d.environment["WATCHDOG_USEC"] = "2000000"  // pings every 1 s; silent after 2 s without progress
        d.environment["HANG_PATH_PART"] = "ledger"
        d.environment["HANG_WHILE"] = hang
        try d.start()
        func pings() -> Int { listener.messages().filter { $0 == "WATCHDOG=1" }.count }

        // idle: nothing to do is not a stall
        let idle = pings()
        Thread.sleep(forTimeInterval: 3)
        #expect(pings() - idle >= 2, "no pings while idle")

        // the sink stuck at the commit point with a file in flight
        _ = FileManager.default.createFile(atPath: hang, contents: nil)
        try Pages.unique(70_000).write(to: d.inbox.appendingPathComponent("stuck.txt"))
        try waitUntil(timeout: 30, "the page in flight") { (d.status()?["queue"] as? [String: Int])?["in_flight"] == 1 }
        try waitUntil(timeout: 10, "the pings stopped") { d.logText.contains("watchdog pings stopped") }
        let silent = pings()
        Thread.sleep(forTimeInterval: 3)
        #expect(pings() == silent, "pings went on while no file could finish")
        #expect(kill(d.pid, 0) == 0, "the process should still run: systemd is the one to restart it")

        // the disk answers again: the page commits and the pings resume
        unlink(hang)
        try waitUntil(timeout: 30, "the page committed") { d.counter("files_ingested") == 1 }
        try waitUntil(timeout: 10, "pings again") { pings() > silent }
        #expect(d.logShows("files move again"))
        d.signal(SIGTERM)
        #expect(try d.waitForExit(timeout: 30).status == 0)
    }

    /// Holds every fdatasync of a file whose path contains HANG_PATH_PART while the file
    /// HANG_WHILE exists.
    static let shimSource = """
    #define _GNU_SOURCE
    #include <dlfcn.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    int fdatasync(int fd) {
        static int (*real)(int);
        if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
        const char *part = getenv("HANG_PATH_PART");
        const char *hang = getenv("HANG_WHILE");
        char link[64], path[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, path, sizeof path - 1);
        if (part && hang && n > 0) {
            path[n] = 0;
            while (strstr(path, part) && access(hang, F_OK) == 0) usleep(100000);
        }
        return real(fd);
    }
    """
}
