import Foundation
import IBKR

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fire drill for `fsd gateway`: SIGUSR1 makes it tell every client what TWS says when its link
/// to IB drops (1100), SIGUSR2 what it says when the link comes back with the data kept (1102),
/// so a user can watch `fsd run` refuse entries and resume without waiting for a real outage.
final class GatewayNotices {
    private let sources: [any DispatchSourceSignal]

    static let lost = (code: 1100, text: "Connectivity between IB and Trader Workstation has been lost.")
    static let restored = (
        code: 1102, text: "Connectivity between IB and Trader Workstation has been restored - data maintained."
    )

    init(gateway: TWSGateway) {
        let queue = DispatchQueue(label: "fsd.gateway.signals")
        sources = [(SIGUSR1, Self.lost), (SIGUSR2, Self.restored)].map { signalNumber, notice in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                Console.line("fsd gateway: sending \(notice.code) to every client: \(notice.text)")
                Task { await gateway.broadcastNotice(code: notice.code, text: notice.text) }
            }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
