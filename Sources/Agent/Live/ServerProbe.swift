#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that something listens at a model server's address before a run relies on it, so a
/// missing server is reported at start with what to do, never discovered at the first setup.
public enum ServerProbe {
    /// True when a TCP connection to the URL's host and port opens within `timeoutMs`.
    public static func isListening(url: String, timeoutMs: Int32 = 1500) -> Bool {
        guard let (host, port) = hostAndPort(url) else { return false }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            if connects(info.pointee, timeoutMs: timeoutMs) { return true }
            entry = info.pointee.ai_next
        }
        return false
    }

    /// `http://host:port/...` -> (host, port); the scheme's port when none is written.
    static func hostAndPort(_ url: String) -> (String, Int)? {
        var rest = Substring(url)
        var port = 80
        if rest.hasPrefix("https://") {
            rest = rest.dropFirst(8)
            port = 443
        } else if rest.hasPrefix("http://") {
            rest = rest.dropFirst(7)
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" }
        var host = Substring(authority)
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let inside = host[host.index(after: host.startIndex)..<close]
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":"), let value = Int(after.dropFirst()) { port = value }
            return (String(inside), port)
        }
        if let colon = host.lastIndex(of: ":") {
            guard let value = Int(host[host.index(after: colon)...]) else { return nil }
            port = value
            host = host[..<colon]
        }
        return host.isEmpty ? nil : (String(host), port)
    }

    private static func connects(_ info: addrinfo, timeoutMs: Int32) -> Bool {
        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        if connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, timeoutMs) == 1 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return false }
        return error == 0
    }
}
