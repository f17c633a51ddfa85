import Foundation
import Testing
@testable import IngestDaemon

@Suite struct ConfigTests {
    @Test func shippedConfigFileStatesTheDefaults() throws {
        let path = BinaryLocator.repository.appendingPathComponent("config/ingestd.toml").path
        let loaded = try DaemonConfig.load(file: path, environment: [:])
        #expect(loaded.file == path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.config == DaemonConfig())
    }

    /// One table of keys feeds the file reader and the environment: the shipped file names
    /// exactly the keys of the table, and every key has its variable.
    @Test func everyKeyIsDeclaredOnceAndShipped() throws {
        let path = BinaryLocator.repository.appendingPathComponent("config/ingestd.toml").path
        let shipped = try ConfigFile.parse(String(contentsOfFile: path, encoding: .utf8), path: path)
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
            // paths from the environment are taken from the working directory: compare from "/"
            let fromEnv = try DaemonConfig.load(file: empty.path, environment: [key.environmentName: raw], directory: "/").config
            var expected = DaemonConfig()
            if key.isPath, !raw.isEmpty, !raw.hasPrefix("/") { try key.apply(&expected, .string(DaemonConfig.absolute(raw, from: "/")), "test") }
            #expect(fromEnv == expected, "\(key.environmentName)=\(raw) does not give the default")
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
        let c = try DaemonConfig.load(file: file.path, environment: ["INGESTD_WORKERS": "5", "INGESTD_STATE_DIR": "/srv/x"]).config
        #expect(c.workers == 5)
        #expect(c.include == ["*.page"])
        #expect(c.settleSeconds == 0.5)
        #expect(c.stateDir == "/srv/x")
        #expect(c.inboxPath == "/srv/x/inbox")
        #expect(c.resolve("/abs/path") == "/abs/path")
    }

    /// A syntax error names the file, the line and the column (TOMLKit's position).
    @Test func syntaxErrorsNameLineAndColumn() {
        for (text, line) in [("workers = \n", 1), ("# ok\nname = unquoted\n", 2), ("a = 1\na = 2\n", 2), ("# ok\ninclude = [\"*.txt\",\n", 2)] {
            do {
                _ = try ConfigFile.parse(text, path: "c.toml")
                Issue.record("accepted: \(text)")
            } catch let e as ConfigFile.SyntaxError {
                #expect(e.line == line, "\(text): \(e)")
                #expect(e.column >= 1 && e.description.hasPrefix("c.toml:\(e.line):\(e.column): "))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Full TOML as a person writes it: tables, dotted keys, inline tables, multi-line strings.
    @Test func fullTomlIsRead() throws {
        let v = try ConfigFile.parse("""
            a = "x\\ty" # c
            b = 'lit\\eral'
            c = 16_777_216
            d = 2.5
            e = true
            f = [1, "two", false]
            g = \"\"\"
            two
            lines\"\"\"
            ingestd.workers = 3
            [postgres]
            url = "postgres:///x"
            pool = { size = 4 }
            """, path: "c.toml")
        #expect(v["a"] == .string("x\ty"))
        #expect(v["b"] == .string("lit\\eral"))
        #expect(v["c"] == .integer(16_777_216))
        #expect(v["d"] == .float(2.5))
        #expect(v["e"] == .bool(true))
        #expect(v["f"] == .array([.integer(1), .string("two"), .bool(false)]))
        #expect(v["g"] == .string("two\nlines"))
        #expect(v["ingestd.workers"] == .integer(3))
        #expect(v["postgres.url"] == .string("postgres:///x"))
        #expect(v["postgres.pool.size"] == .integer(4))
    }

    @Test func anUnknownKeyIsAWarningWithTheNearestKnownOne() throws {
        var c = DaemonConfig()
        let warnings = try c.apply(["worker": .integer(4), "colour": .string("x")], source: "c.toml")
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.contains("unknown setting `worker`") && $0.contains("did you mean `workers`?") })
        #expect(warnings.contains { $0.contains("`colour`") && !$0.contains("did you mean") })
        #expect(c == DaemonConfig())
    }

    @Test func aWrongTypeNamesTheSettingAndTheTypeItNeeds() {
        var c = DaemonConfig()
        func message(_ values: [String: ConfigValue]) -> String {
            do { _ = try c.apply(values, source: "c.toml"); return "" } catch { return "\(error)" }
        }
        #expect(message(["workers": .string("two")]) == "c.toml: `workers` must be a whole number ≥ 0, not the string \"two\"")
        #expect(message(["settle_s": .bool(true)]) == "c.toml: `settle_s` must be a number, not true")
        #expect(message(["include": .array([.integer(1)])]).contains("`include` must be a list of strings"))
        #expect(message(["inbox": .integer(3)]) == "c.toml: `inbox` must be a string, not the number 3")
    }

    /// On a command line and in INGESTD_* variables a relative path is taken from the
    /// working directory; in the file, from the state dir.
    @Test func relativePathsMeanWhatAShellUserMeans() throws {
        let env = try DaemonConfig.load(file: nil, environment: ["INGESTD_INBOX": "drop", "INGESTD_STATE_DIR": "st"], directory: "/home/u")
        #expect(env.config.inboxPath == "/home/u/drop")
        #expect(env.config.stateDir == "/home/u/st")
        #expect(DaemonConfig.absolute("inbox", from: "/home/u") == "/home/u/inbox")
        #expect(DaemonConfig.absolute("../x", from: "/home/u") == "/home/x")
        #expect(DaemonConfig.absolute("/abs", from: "/home/u") == "/abs")
        var fromFile = DaemonConfig()
        _ = try fromFile.apply(["state_dir": .string("/srv/st"), "inbox": .string("drop")], source: "c.toml")
        #expect(fromFile.inboxPath == "/srv/st/drop")
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
