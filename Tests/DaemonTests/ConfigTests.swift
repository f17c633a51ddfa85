import Foundation
import Testing
@testable import IngestDaemon

@Suite struct ConfigTests {
    @Test func shippedConfigFileStatesTheDefaults() throws {
        let path = BinaryLocator.repository.appendingPathComponent("config/ingestd.toml").path
        let (fromFile, used) = try DaemonConfig.load(file: path, environment: [:])
        #expect(used == path)
        #expect(fromFile == DaemonConfig())
    }

    /// One table of keys feeds the file reader and the environment: the shipped file names
    /// exactly the keys of the table, and every key has its variable.
    @Test func everyKeyIsDeclaredOnceAndShipped() throws {
        let path = BinaryLocator.repository.appendingPathComponent("config/ingestd.toml").path
        let shipped = try TOMLSubset.parse(String(contentsOfFile: path, encoding: .utf8))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).toml")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let names = ConfigKey.all.map(\.name)
        #expect(Set(names).count == names.count, "a key declared twice")
        #expect(Set(shipped.keys) == Set(names))
        for key in ConfigKey.all {
            let raw: String
            switch shipped[key.name] {
            case .string(let s)?: raw = s
            case .integer(let i)?: raw = String(i)
            case .float(let f)?: raw = String(f)
            case .array(let items)?: raw = items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: " ")
            default: Issue.record("\(key.name): no value in the shipped file"); continue
            }
            let (fromEnv, _) = try DaemonConfig.load(file: empty.path, environment: [key.environmentName: raw])
            #expect(fromEnv == DaemonConfig(), "\(key.environmentName)=\(raw) does not give the default")
        }
    }

    /// A stop drains within `drain_deadline_s`, which leaves the final writes a margin
    /// before systemd's `TimeoutStopSec` kills the process.
    @Test func drainDeadlineFitsTheUnitsStopTimeout() throws {
        let unit = try String(contentsOf: BinaryLocator.repository.appendingPathComponent("systemd/ingestd.service"), encoding: .utf8)
        let line = try #require(unit.split(separator: "\n").first { $0.hasPrefix("TimeoutStopSec=") })
        let seconds = try #require(Double(line.dropFirst("TimeoutStopSec=".count).replacingOccurrences(of: "s", with: "")))
        #expect(DaemonConfig().drainDeadlineSeconds + 5 <= seconds)
    }

    @Test func precedenceIsFlagsThenEnvironmentThenFileThenDefaults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("c.toml")
        try Data("workers = 3\ninclude = [\"*.page\"]\n[ingestd]\nsettle_s = 0.5\n".utf8).write(to: file)
        let (c, _) = try DaemonConfig.load(file: file.path, environment: ["INGESTD_WORKERS": "5", "INGESTD_STATE_DIR": "/srv/x"])
        #expect(c.workers == 5)
        #expect(c.include == ["*.page"])
        #expect(c.settleSeconds == 0.5)
        #expect(c.stateDir == "/srv/x")
        #expect(c.inboxPath == "/srv/x/inbox")
        #expect(c.resolve("/abs/path") == "/abs/path")
    }

    @Test func mistakesAreReportedWithTheirLine() {
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("workers = \n") }
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("name = unquoted\n") }
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("a = 1\na = 2\n") }
        do {
            _ = try TOMLSubset.parse("# ok\ninclude = [\"*.txt\",\n")
            Issue.record("multi-line array accepted")
        } catch {
            #expect(error.line == 2)
        }
        var c = DaemonConfig()
        #expect(throws: DaemonConfig.Invalid.self) { try c.apply(["wrokers": .integer(2)], source: "test") }
        #expect(throws: DaemonConfig.Invalid.self) { try c.apply(["workers": .string("two")], source: "test") }
    }

    @Test func tomlValues() throws {
        let v = try TOMLSubset.parse("a = \"x\\ty\" # c\nb = 'lit\\eral'\nc = 16_777_216\nd = 2.5\ne = true\nf = [1, \"two\", false]\n")
        #expect(v["a"] == .string("x\ty"))
        #expect(v["b"] == .string("lit\\eral"))
        #expect(v["c"] == .integer(16_777_216))
        #expect(v["d"] == .float(2.5))
        #expect(v["e"] == .bool(true))
        #expect(v["f"] == .array([.integer(1), .string("two"), .bool(false)]))
    }

    @Test func fileFilterGlobs() {
        let f = FileFilter(include: DaemonConfig().include, exclude: DaemonConfig().exclude)
        #expect(f.accepts(name: "page.txt"))
        #expect(f.accepts(name: "page.HTML") == false)
        #expect(f.accepts(name: "page.html"))
        #expect(!f.accepts(name: ".page.txt"))
        #expect(!f.accepts(name: "page.txt.part"))
        #expect(!f.accepts(name: "page.txt~"))
        #expect(!f.accepts(name: "page.pdf"))
    }

    @Test func remoteFilesystemsArePolled() {
        let mounts = "/dev/vda / ext4 rw 0 0\nserver:/export /mnt/inbox nfs4 rw 0 0\n//nas/share /srv/smb cifs rw 0 0\n"
        #expect(RemoteFilesystem.reason("/mnt/inbox/sub", mounts: mounts)?.contains("nfs4") == true)
        #expect(RemoteFilesystem.reason("/srv/smb", mounts: mounts)?.contains("cifs") == true)
        #expect(RemoteFilesystem.reason("/var/lib/ingestd/inbox", mounts: mounts) == nil)
        #expect(RemoteFilesystem.reason("/mnt/inboxes", mounts: mounts) == nil)
    }
}
