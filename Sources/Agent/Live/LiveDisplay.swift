import Foundation
import MarketData

/// What the live view last showed, so a plain log prints each event and verdict once and the
/// terminal redraws at most five times a second.
struct LiveDisplay {
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var lastStatus: Timestamp?
    private var printedEvent: String?
    private var printedVerdict: String?
    private let view = TerminalView()

    mutating func show(
        _ core: AgentCore, at now: Timestamp, mode: LiveRunner.Configuration.ViewMode, label: String,
        output: (String) -> Void
    ) {
        let wallNow = ContinuousClock.now
        switch mode {
        case .terminal where wallNow - lastDraw >= .milliseconds(200):
            lastDraw = wallNow
            var snapshot = core.viewSnapshot(at: now)
            snapshot.speed = label
            output(view.screen(snapshot))
        case .plain:
            if let event = core.lastEvent, event != printedEvent {
                printedEvent = event
                output(event)
            }
            if let verdict = core.lastVerdict, verdict != printedVerdict {
                printedVerdict = verdict
                output("\(now.clock) \(core.lastDecision ?? ""): \(verdict)")
            }
            if lastStatus.map({ now - $0 >= .seconds(60) }) ?? true {
                lastStatus = now
                output(view.statusLine(core.viewSnapshot(at: now)))
            }
        default:
            break
        }
    }
}
