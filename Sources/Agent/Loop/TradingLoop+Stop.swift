import Foundation
import MarketData

extension TradingLoop {
    /// Cancels every order and flattens the position, waits for the venue to fill the flatten, and
    /// journals the end. A replay moves its own time forward while it waits (at most 10 s of data
    /// time); a live venue is waited for on the wall clock, up to `flattenTimeout`.
    /// - Returns: the session time the run ended.
    func flatten(_ core: AgentCore, reason: String, start: Timestamp) async -> Timestamp {
        var now = max(core.engine.lastEventTime ?? start, floor, start)
        if !venue.simulatesTime, case .wall(let clock) = configuration.timing { now = max(clock.now(), floor) }
        core.beginFlatten(reason: reason, at: now)
        if venue.simulatesTime {
            var steps = 0
            while !core.isFlat, steps < 200 {
                steps += 1
                now = now + .milliseconds(50)
                venue.advance(to: now)
                core.pollBroker(at: now)
            }
        } else {
            let deadline = ContinuousClock.now + configuration.flattenTimeout
            while !core.isFlat, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
                if case .wall(let clock) = configuration.timing { now = max(clock.now(), floor, now) }
                // The feed still marks the position while the fills come in.
                while var event = try? venue.peek() {
                    if event.time < floor { event.time = floor }
                    venue.take()
                    core.apply(event)
                }
                core.pollBroker(at: now)
            }
            if !core.isFlat {
                configuration.output(
                    "warning: not flat \(configuration.flattenTimeout) after the stop: check the position and orders in TWS")
            }
        }
        core.finish(reason: reason, at: now)
        return now
    }
}
