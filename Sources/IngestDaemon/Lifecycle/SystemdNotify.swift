import Foundation
import Glibc

/// The sd_notify datagram protocol, spoken directly (no libsystemd): one AF_UNIX datagram
/// per message to `$NOTIFY_SOCKET`, a path or an abstract name starting with `@`.
struct SystemdNotify: Sendable {
    let socketPath: String?
    /// Half of `$WATCHDOG_USEC`, when systemd expects keep-alives.
    let watchdogInterval: Double?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(Double.init), usec > 0 {
            if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() {
                watchdogInterval = nil
            } else {
                watchdogInterval = usec / 1_000_000 / 2
            }
        } else {
            watchdogInterval = nil
        }
    }

    var enabled: Bool { socketPath != nil }

    @discardableResult
    func send(_ message: String) -> Bool {
        guard let path = socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        let payload = Array(message.utf8)
        let sent = withUnsafePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                payload.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sa, length) }
            }
        }
        return sent == payload.count
    }
}
