import Foundation

/// inotify sees only changes made through this kernel: writes by other NFS or SMB clients
/// never arrive as events. Such an inbox is polled instead. The filesystem type comes from
/// /proc/self/mounts (the mount with the longest prefix of the inbox's real path).
enum RemoteFilesystem {
    static let remoteTypes: Set<String> = ["nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "9p", "ceph", "lustre", "glusterfs", "fuse.sshfs", "fuse.glusterfs", "afs"]

    /// Why the folder cannot be watched with inotify, or nil when it can.
    static func reason(_ path: String, mounts: String? = nil) -> String? {
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let table = mounts ?? (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) else { return nil }
        var best: (point: String, type: String)?
        for line in table.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count >= 3 else { continue }
            let point = String(f[1]).replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || real == point || real.hasPrefix(point.hasSuffix("/") ? point : point + "/")
            if inside, point.count >= (best?.point.count ?? -1) { best = (point, String(f[2])) }
        }
        guard let best, remoteTypes.contains(best.type) else { return nil }
        return "the inbox is on \(best.type) (\(best.point)), where inotify misses changes made by other machines"
    }
}
