import Foundation
import Execution
import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a day's journal back on start, so a crash or a restart keeps the daily P&L, the trade count,
/// the halt and the working orders. Only records of the same account count.
public enum JournalReader {
    /// Reads `path` (a missing file is an empty day).
    /// - Parameters:
    ///   - account: the account whose records count; other accounts' runs in the file are skipped.
    ///   - session: the trading date `YYYY-MM-DD`; snapshots of another date are not restored.
    ///   - repair: cut a damaged last line off the file, so the next record starts on a clean line.
    /// - Throws: `JournalError.corruptLine` for a damaged line that is not the last.
    public static func recover(path: String, account: String, session: String, repair: Bool) throws(JournalError) -> RecoveredDay {
        guard FileManager.default.fileExists(atPath: path) else {
            // A journal moved aside starts the day afresh; its checkpoint must not outlive it.
            if repair { JournalCheckpoint.remove(journal: path) }
            return RecoveredDay()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError.cannotOpen(path: path, reason: "cannot read the file")
        }
        var day = RecoveredDay()
        var inAccount = false
        var halt: Halt?
        // Broker reports journaled after the last snapshot: a crash came before the next one.
        var afterSnapshot: [ExecutionReport] = []
        let decoder = JSONDecoder()
        let bytes = [UInt8](data)
        var lineStart = 0
        var lineNumber = 0
        var goodEnd = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
            let lineEnd = newline ?? bytes.count
            let slice = bytes[lineStart..<lineEnd]
            let isLast = newline == nil || lineEnd + 1 >= bytes.count
            lineStart = lineEnd + 1
            if slice.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                if newline != nil { goodEnd = lineEnd + 1 }
                continue
            }
            let record: Record
            var snapshot: ExecutionSnapshot?
            var report: ExecutionReport?
            do {
                let data = Data(slice)
                record = try decoder.decode(Record.self, from: data)
                if record.type == RecordType.snapshot {
                    snapshot = try decoder.decode(SnapshotRecord.self, from: data).execution
                } else if record.hasReport == true {
                    report = try decoder.decode(ReportRecord.self, from: data).report
                }
                // A line cut by a crash can still parse if the cut fell on a boundary; only the
                // newline proves the writer finished it.
                if newline == nil { throw Malformed.unterminated }
            } catch {
                guard isLast else {
                    throw JournalError.corruptLine(path: path, line: lineNumber, reason: "\(describe(error)): \(preview(slice))")
                }
                day.corruptTail = String(decoding: slice, as: UTF8.self)
                break
            }
            goodEnd = lineEnd + 1
            day.lines += 1
            if record.type == RecordType.session {
                inAccount = record.account == account
                if inAccount { day.sessions += 1 }
                continue
            }
            guard inAccount else { continue }
            if let nanos = record.ns { day.lastTime = Timestamp(nanos: nanos) }
            if let snapshot, snapshot.session == session {
                day.execution = snapshot
                afterSnapshot.removeAll()
                if let sequence = record.seq { day.lastSequence = max(day.lastSequence, sequence) }
            }
            if let report { afterSnapshot.append(report) }
            if record.type == RecordType.halt, halt == nil {
                halt = Halt(time: Timestamp(nanos: record.ns ?? 0), reason: record.reason ?? "halted")
            }
        }
        if let checkpoint = try JournalCheckpoint.read(journal: path), checkpoint.account == account,
            checkpoint.execution.session == session, checkpoint.sequence > day.lastSequence
        {
            // The journal is a prefix of what was written: its tail was lost. The checkpoint was
            // fsynced after the last snapshot and supersedes everything the journal still holds.
            day.lostTail =
                "the journal ends at snapshot \(day.lastSequence) but its checkpoint holds snapshot \(checkpoint.sequence) "
                + "of \(checkpoint.time.clock): records after the journal's end were lost (a cut file or a power loss); "
                + "the day is restored from the checkpoint"
            day.execution = checkpoint.execution
            day.lastSequence = checkpoint.sequence
            day.lastTime = max(day.lastTime ?? checkpoint.time, checkpoint.time)
        } else if !afterSnapshot.isEmpty {
            day.execution = (day.execution ?? emptyDay(session)).applying(afterSnapshot)
            day.reportsAfterSnapshot = afterSnapshot.count
        }
        // A halt is never undone within the day, whatever a later record says.
        if let halt {
            var execution = day.execution ?? emptyDay(session)
            if execution.halt == nil { execution.halt = halt }
            day.execution = execution
        }
        if day.corruptTail != nil, repair, truncate(path, off_t(goodEnd)) != 0 {
            throw JournalError.cannotWrite(path: path, reason: "cannot cut the damaged last line: \(String(cString: strerror(errno)))")
        }
        return day
    }

    private static func emptyDay(_ session: String) -> ExecutionSnapshot {
        ExecutionSnapshot(
            session: session, account: Account().snapshot,
            orders: OrderManagerSnapshot(nextSequence: 1, orders: [], bracket: nil, flattenReason: nil), halt: nil)
    }

    /// The fields recovery reads; every record has a `type`, the rest are optional.
    private struct Record: Decodable {
        var type: String
        var account: String?
        var ns: Int64?
        var reason: String?
        /// A snapshot's number in the day.
        var seq: Int?
        /// True when the line carries a broker report (`report`), decoded only then.
        var hasReport: Bool?

        private enum CodingKeys: String, CodingKey { case type, account, ns, reason, seq, report }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            account = try container.decodeIfPresent(String.self, forKey: .account)
            ns = try container.decodeIfPresent(Int64.self, forKey: .ns)
            reason = try container.decodeIfPresent(String.self, forKey: .reason)
            seq = try container.decodeIfPresent(Int.self, forKey: .seq)
            hasReport = container.contains(.report)
        }
    }

    private struct SnapshotRecord: Decodable {
        var execution: ExecutionSnapshot
    }

    private struct ReportRecord: Decodable {
        var report: ExecutionReport
    }

    private enum Malformed: Error {
        case unterminated
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case Malformed.unterminated: "the line has no end (the writer was interrupted)"
        case DecodingError.keyNotFound(let key, _) where key.stringValue == "type": "a journal record needs a \"type\""
        case DecodingError.dataCorrupted: "not a JSON object"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.keyNotFound(let key, let context):
            "missing \(key.stringValue) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "not a journal record"
        }
    }

    private static func preview(_ slice: ArraySlice<UInt8>) -> String {
        let text = String(decoding: slice.prefix(80), as: UTF8.self)
        return slice.count > 80 ? text + "…" : text
    }
}
