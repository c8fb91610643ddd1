import Foundation
import TestSupport
import Testing

@testable import MarketData

/// The recording reader meets files that disks, copies and crashes have damaged (#14 item 3):
/// 100,000 mutations of a small real recording — bit flips, truncations, inserted, deleted and
/// overwritten bytes — each of which must be refused with a `ReplayError` or replay exactly the
/// original events; none may trap or hang. Counts and time are in docs/RELIABILITY.md.
@Suite struct RecordingFuzzTests {
    static let inputs = 100_000

    /// The first 300 events of the bundled GOOG day in five blocks, closed: 29 + 5 × 12 + 20 bytes
    /// of framing around 1.7 KB of records.
    static func original(_ files: TestFiles) throws -> (bytes: [UInt8], events: [TimedEvent]) {
        let source = try ReplaySource.open(path: TestFiles.sampleMessages)
        let path = files.path("small.fsdr")
        let writer = try RecordingWriter(path: path, symbol: source.symbol, sessionDate: source.sessionDate)
        var events: [TimedEvent] = []
        while events.count < 300, let event = try source.next() {
            events.append(event)
            try writer.append(event)
            if events.count % 60 == 0 { try writer.flush() }
        }
        try writer.close()
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), events)
    }

    enum Mutation: CaseIterable {
        case flipBits, truncate, insert, delete, overwrite
    }

    static func mutate(_ bytes: [UInt8], _ mutation: Mutation, _ random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch mutation {
        case .flipBits:
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
            }
        case .truncate:
            bytes.removeSubrange(at...)
        case .insert:
            let count = Int.random(in: 1...16, using: &random)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
        case .delete:
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        case .overwrite:
            for index in at..<min(bytes.count, at + Int.random(in: 1...8, using: &random)) {
                bytes[index] = UInt8.random(in: 0...255, using: &random)
            }
        }
        return bytes
    }

    /// Every event of `path`, or the error that stopped the reading; nil past `limit` events (a
    /// reader that would go on forever).
    static func replay(_ path: String, allowUnfinished: Bool, limit: Int) -> Result<[TimedEvent], ReplayError>? {
        do {
            let reader = try RecordingReader(path: path, allowUnfinished: allowUnfinished)
            var events: [TimedEvent] = []
            let buffer = UnsafeMutableBufferPointer<TimedEvent>.allocate(capacity: 97)
            defer { buffer.deallocate() }
            while true {
                let got = try reader.read(into: buffer)
                if got == 0 { return .success(events) }
                events += buffer.prefix(got)
                if events.count > limit { return nil }
            }
        } catch let error as ReplayError {
            return .failure(error)
        } catch {
            return .failure(ReplayError(.unreadable, path: path, message: "not a ReplayError: \(error)"))
        }
    }

    @Test func everyMutationIsRefusedOrReplaysIdentically() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let (bytes, events) = try Self.original(files)
        #expect(try RecordingVerifier.verify(path: files.path("small.fsdr")).blocks == 5)
        var random = SplitMix64(seed: 0x00F5_D700)
        // In memory when the machine has a tmpfs: 100,000 rewrites of a file on disk cost more
        // system time than the reading.
        let shared = "/dev/shm/fsd-fuzz-\(UUID().uuidString).fsdr"
        let path = FileManager.default.createFile(atPath: shared, contents: nil) ? shared : try files.write("mutated.fsdr", [])
        defer { try? FileManager.default.removeItem(atPath: shared) }
        let output = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? output.close() }
        var refused = 0
        var identical = 0
        var prefixes = 0
        var wrong: [String] = []
        for round in 0..<Self.inputs {
            let mutation = Mutation.allCases[round % Mutation.allCases.count]
            let mutated = Self.mutate(bytes, mutation, &random)
            // Rewritten in place (no new file per input); the reader opens it by name as a replay does.
            try output.truncate(atOffset: 0)
            try output.write(contentsOf: mutated)
            // One input in ten is read as an unfinished recording may be (`fsd convert --allow-unfinished`):
            // then whole blocks of a cut file may come back, as a prefix of the original.
            let unfinished = round % 10 == 9
            guard let outcome = Self.replay(path, allowUnfinished: unfinished, limit: events.count) else {
                wrong.append("round \(round) (\(mutation)): more events than the original")
                continue
            }
            switch outcome {
            case .failure(let error):
                refused += 1
                if error.kind != .invalidData || !error.description.hasPrefix(path + ": error: ") {
                    wrong.append("round \(round) (\(mutation)): \(error)")
                }
            case .success(let replayed) where replayed == events:
                identical += 1
            case .success(let replayed) where unfinished && events.starts(with: replayed):
                prefixes += 1
            case .success(let replayed):
                wrong.append("round \(round) (\(mutation)): replayed \(replayed.count) events that differ from the original")
            }
            if wrong.count >= 5 { break }
        }
        print("RecordingFuzzTests: \(Self.inputs) inputs: \(refused) refused, \(identical) identical, \(prefixes) whole-block prefixes")
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        #expect(refused + identical + prefixes == Self.inputs)
        // Nearly every mutation damages something a checksum covers; the few that replay
        // identically changed nothing the events depend on (a flip undone by another, say).
        #expect(refused > Self.inputs * 9 / 10)
    }
}
