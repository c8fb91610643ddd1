import TestSupport
import Testing

@testable import IBKR

/// The decoders meet bytes from the network: whatever arrives, they return a value or throw, never trap.
@Suite struct TWSDecoderFuzzTests {
    static let seeds: [TWSResponse] = TWSResponseTests.samples
    /// docs/RELIABILITY.md states these counts and their time.
    static let mutatedFrames = 100_000

    @Test func mutatedFramesNeverTrap() {
        var random = SplitMix64(seed: 42)
        let alphabet = ["", "0", "1", "-1", "2", "3", "13", "99", "abc", "1.7976931348623157E308", "2147483647",
            "9223372036854775807", "-99999999999999999999", "1e400", "NaN", "Infinity", "\\u00e9", "BUY", "\u{0}"]
        var decoded = 0
        for round in 0..<Self.mutatedFrames {
            var fields = Self.seeds[round % Self.seeds.count].frame(serverVersion: round % 2 == 0 ? 178 : 165).fields
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let choice = Int.random(in: 0..<4, using: &random)
                let index = fields.isEmpty ? 0 : Int.random(in: 0..<fields.count, using: &random)
                switch choice {
                case 0 where !fields.isEmpty: fields[index] = alphabet.randomElement(using: &random) ?? ""
                case 1 where !fields.isEmpty: fields.removeSubrange(index...)
                case 2: fields.insert(alphabet.randomElement(using: &random) ?? "", at: index)
                default: if !fields.isEmpty { fields.remove(at: index) }
                }
            }
            if (try? TWSResponse(frame: TWSFrame(fields: fields), serverVersion: 178)) != nil { decoded += 1 }
            _ = try? TWSRequest(frame: TWSFrame(fields: fields), serverVersion: 178)
        }
        #expect(decoded > 0)
    }

    @Test func randomBytesNeverTrap() {
        var random = SplitMix64(seed: 7)
        var frames = 0
        for _ in 0..<3_000 {
            var bytes: [UInt8] = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if Bool.random(using: &random) { bytes = [0, 0, 0, UInt8(bytes.count)] + bytes }
            guard let step = try? bytes.withUnsafeBytes({ try TWSFrameParser.parse($0, expectingHelloPrefix: false) })
            else { continue }
            if case .frame(let frame, _) = step {
                frames += 1
                _ = try? TWSResponse(frame: frame, serverVersion: 178)
                _ = try? TWSRequest(frame: frame, serverVersion: 178)
            }
        }
        #expect(frames > 0)
    }
}
