import Execution
import MarketData
import Testing

@testable import Agent

/// The replay venue: a `Feed` of the file's events, each handed to the exchange exactly when the
/// agent takes it, so the simulator never sees a book the agent has not seen.
@Suite struct SimulatedVenueTests {
    @Test func asAFeedItYieldsWhatTheReaderYieldsAndTheExchangeFollows() async throws {
        let expected = try ReplaySource.open(path: ScriptedModelBacktestTests.data)
        var first: [TimedEvent] = []
        while first.count < 5000, let event = try expected.next() { first.append(event) }
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        #expect(venue.symbol == "GOOG" && venue.sessionDate == SessionDate(year: 2012, month: 6, day: 21))
        var events: [TimedEvent] = []
        for try await event in venue {
            events.append(event)
            #expect(venue.exchange.time == event.time)
            if events.count == first.count { break }
        }
        #expect(events == first)
    }

    @Test func peekingLeavesTheExchangeWhereItWasUntilTheEventIsTaken() throws {
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        let event = try #require(try venue.peek())
        #expect(try venue.peek() == event)
        #expect(venue.exchange.time == Timestamp(nanos: 0))
        venue.take()
        #expect(venue.exchange.time == event.time)
        #expect(try venue.peek() != nil)
        #expect(venue.ended == nil)
    }

    @Test func theEndOfTheDataIsSaid() throws {
        let venue = try SimulatedVenue(path: ScriptedModelBacktestTests.data)
        var count = 0
        while try venue.peek() != nil {
            venue.take()
            count += 1
        }
        #expect(count == 245_259)
        #expect(venue.ended == "end of data")
        #expect(try venue.peek() == nil)
    }
}
