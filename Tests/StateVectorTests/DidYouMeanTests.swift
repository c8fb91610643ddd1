import Testing

@testable import StateVector

@Suite struct DidYouMeanTests {
    private func distance(_ a: String, _ b: String) -> Int {
        DidYouMean.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    @Test func editDistanceCountsEachEditOnce() {
        #expect(distance("", "ABC") == 3)
        #expect(distance("ABC", "") == 3)
        #expect(distance("LAST", "LAST") == 0)
        #expect(distance("KITTEN", "SITTING") == 3)  // K→S, E→I, +G
        #expect(distance("SPRAED", "SPREAD") == 1)  // one transposition
        // Optimal string alignment: a transposed pair is not edited again, so CA → ABC is 3, not 2.
        #expect(distance("CA", "ABC") == 3)
    }

    @Test func nearestIsTheFirstClosestWithinTheTolerance() {
        let names = ["HOD", "LOD", "LAST", "VWAP"]
        #expect(DidYouMean.nearest(to: "hdo", among: names) { _, _ in 1 } == "HOD")
        #expect(DidYouMean.nearest(to: "XOD", among: names) { _, _ in 1 } == "HOD")  // HOD and LOD tie: the first
        #expect(DidYouMean.nearest(to: "VWXYZ", among: names) { _, _ in 2 } == nil)  // 3 edits
        #expect(DidYouMean.nearest(to: String(repeating: "A", count: 65), among: names) { _, _ in 99 } == nil)
    }

    @Test func bestPrefersACaseInsensitiveMatch() {
        #expect(DidYouMean.best("spread", among: ["SPREAD", "SPREAD_X"]) == "SPREAD")
        #expect(DidYouMean.best("L2_IMBALANSE", among: ["L2_IMBALANCE", "LAST"]) == "L2_IMBALANCE")
        // 12 letters allow 4 edits; ZZZZZZZZZZZZ is 12 away from everything.
        #expect(DidYouMean.best("ZZZZZZZZZZZZ", among: ["L2_IMBALANCE"]) == nil)
    }
}
