import MarketData
import StateVector
import Testing

@testable import Analytics

/// `StateStepper`, the engine of `fsd state`: states at a moment and at every step of the clock.
@Suite struct StateStepperTests {
    /// Hand-written events as a replay reader.
    struct Events: EventReader {
        var symbol = "TEST"
        var sessionDate = SessionDate(year: 2012, month: 6, day: 21)
        var events: [TimedEvent]
        var index = 0

        mutating func next() throws -> TimedEvent? {
            guard index < events.count else { return nil }
            index += 1
            return events[index - 1]
        }
    }

    static func trade(_ time: Timestamp, _ price: Double) -> TimedEvent {
        TimedEvent(time: time, event: .trade(Trade(price: usd(price), size: 100, aggressor: .buy)))
    }

    static let events = Events(events: [
        trade(at(10, 0, 0, ms: 500), 10.00), trade(at(10, 0, 1, ms: 200), 10.10), trade(at(10, 0, 2), 10.20),
    ])

    static func stepper() -> StateStepper { StateStepper(engine: FeatureEngine(symbol: "TEST")) }

    @Test func everyStepSeesTheEventsAtOrBeforeIt() throws {
        var source = Self.events
        var stepper = Self.stepper()
        var states: [(Timestamp, MarketState)] = []
        let (first, count) = try stepper.states(every: Timestamp.nanosPerSecond, source: &source) { time, state in
            states.append((time, state))
            return true
        }
        #expect(first == at(10, 0, 1))
        #expect(count == 2)
        #expect(states.map(\.0) == [at(10, 0, 1), at(10, 0, 2)])
        #expect(states.map(\.1.last) == [usd(10.00), usd(10.20)])
        // The same states as asking for each moment on its own.
        for (time, state) in states {
            var fresh = Self.events
            var alone = Self.stepper()
            #expect(try alone.state(at: time, from: &fresh) == state)
        }
    }

    @Test func aWindowAndAStopBound() throws {
        var source = Self.events
        var stepper = Self.stepper()
        var times: [Timestamp] = []
        let window = try stepper.states(
            every: 500 * Timestamp.nanosPerMillisecond, from: at(10, 0, 1), to: at(10, 0, 1, ms: 500), source: &source
        ) { time, _ in
            times.append(time)
            return true
        }
        #expect(times == [at(10, 0, 1), at(10, 0, 1, ms: 500)])
        #expect(window.count == 2)

        var again = Self.events
        var stopping = Self.stepper()
        let stopped = try stopping.states(every: 100 * Timestamp.nanosPerMillisecond, source: &again) { _, _ in false }
        #expect(stopped.count == 1)
        var none = Self.events
        #expect(try stopping.states(every: 0, source: &none) { _, _ in true }.count == 0)
    }
}
