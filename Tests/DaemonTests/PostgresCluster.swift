import Foundation
import Glibc

/// A throwaway PostgreSQL 15 cluster from Debian's binaries, in a temporary folder, reached
/// only through a Unix socket there (no TCP port, so several tests and hosts never clash).
/// initdb refuses root: as root the cluster runs as the `postgres` user the package
/// creates. Stopped and removed at the end, by the PID in postmaster.pid if pg_ctl cannot.
final class PostgresCluster {
    static let bin = "/usr/lib/postgresql/15/bin"
    let dir: URL
    var data: URL { dir.appendingPathComponent("data") }
    let database = "fleet"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `postgres://postgres@/fleet?host=<dir>` — what a daemon's `[postgres] url` says.
    var url: String { "postgres://postgres@/\(database)?host=\(dir.path)" }

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.bin + "/initdb") else {
            throw Failure(description: "PostgreSQL 15 is not installed (scripts/setup.sh installs the postgresql package)")
        }
        // short: a socket path must fit in 107 bytes
        dir = URL(fileURLWithPath: "/tmp/ingestd-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if geteuid() == 0, let pw = getpwnam("postgres") { chown(dir.path, pw.pointee.pw_uid, pw.pointee.pw_gid) }
        try run([Self.bin + "/initdb", "-D", data.path, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        try start()
        try run([Self.bin + "/createdb", "-h", dir.path, "-U", "postgres", database])
    }

    deinit {
        _ = try? run([Self.bin + "/pg_ctl", "-D", data.path, "-m", "immediate", "-w", "stop"])
        if let pid = postmasterPID { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: dir)
    }

    var postmasterPID: Int32? {
        guard let text = try? String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
              let first = text.split(separator: "\n").first else { return nil }
        return Int32(first)
    }

    func start() throws {
        try run([Self.bin + "/pg_ctl", "-D", data.path, "-o", "-k \(dir.path) -c listen_addresses='' -c fsync=off",
                 "-l", dir.appendingPathComponent("server.log").path, "-w", "start"])
    }

    /// `fast`: sessions are ended, what they had not committed rolls back (what a restart
    /// or failover does to a client).
    func stop() throws {
        try run([Self.bin + "/pg_ctl", "-D", data.path, "-m", "fast", "-w", "stop"])
    }

    /// Rows of `sql` as psql prints them unaligned, fields split on tabs.
    func query(_ sql: String) throws -> [[String]] {
        let out = try run(["/usr/bin/psql", "-h", dir.path, "-U", "postgres", "-d", database, "-X", "-A", "-t", "-F", "\t",
                           "-v", "ON_ERROR_STOP=1", "-c", sql])
        return out.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    func scalar(_ sql: String) throws -> Int {
        Int(try query(sql).first?.first ?? "") ?? -1
    }

    @discardableResult
    private func run(_ command: [String]) throws -> String {
        let p = Process()
        let asPostgres = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        // Foundation learns that a child ended when a socket it hands the child closes; the
        // server pg_ctl starts would inherit it and keep it open, so every descriptor above
        // stderr is closed before the command runs
        let closeInherited = #"for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done; exec "$@""#
        let full = ["/bin/bash", "-c", closeInherited, "bash"] + asPostgres + command
        p.executableURL = URL(fileURLWithPath: full[0])
        p.arguments = Array(full.dropFirst())
        p.currentDirectoryURL = dir
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString).out")
        let errURL = outURL.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let outFile = try FileHandle(forWritingTo: outURL), errFile = try FileHandle(forWritingTo: errURL)
        defer { try? outFile.close(); try? errFile.close() }
        p.standardOutput = outFile
        p.standardError = errFile
        try p.run()
        p.waitUntilExit()
        let o = (try? Data(contentsOf: outURL)) ?? Data()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "\(command.joined(separator: " ")) failed (\(p.terminationStatus)): \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
