import Foundation
import MarketData
import StateVector

/// The executions of a LOBSTER message file, read straight from the CSV (through the system's
/// `gzip`) with none of the project's readers: the independent side of the replay tests.
struct RawExecution {
    var time: Int64
    var price: Int64
    var size: Int64
    /// +1 buyer-initiated (a resting sell order was hit, direction −1), −1 seller-initiated.
    var sign: Int64
}

enum RawMessages {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let googSample = repositoryRoot.appendingPathComponent(
        "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
    ).path

    static let aaplShared = repositoryRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_1.csv.gz"
    ).path

    static var aaplAvailable: Bool { FileManager.default.fileExists(atPath: aaplShared) }

    /// Every type 4 and type 5 message of the gzip'd message file at `path`.
    static func executions(_ path: String) throws -> [RawExecution] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var result: [RawExecution] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: ",")
            guard fields.count == 6, fields[1] == "4" || fields[1] == "5",
                let size = Int64(fields[3]), let price = Int64(fields[4]), let direction = Int64(fields[5])
            else { continue }
            let clock = fields[0].split(separator: ".", omittingEmptySubsequences: false)
            let fraction = clock.count > 1 ? String(clock[1]) : ""
            let nanos =
                (Int64(clock[0]) ?? 0) * 1_000_000_000 + (Int64((fraction + "000000000").prefix(9)) ?? 0)
            result.append(RawExecution(time: nanos, price: price, size: size, sign: direction < 0 ? 1 : -1))
        }
        return result
    }
}

/// HOD, LOD, VWAP, CVD and LAST of raw executions up to a moment, computed the plain way.
struct RawLevels: Equatable, CustomStringConvertible {
    var last: Int64?
    var hod: Int64?
    var lod: Int64?
    var vwap: Int64?
    var cvd: Int64 = 0

    init(_ executions: [RawExecution], through time: Int64) {
        var notional: Int64 = 0
        var volume: Int64 = 0
        for execution in executions where execution.time <= time {
            last = execution.price
            hod = max(hod ?? execution.price, execution.price)
            lod = min(lod ?? execution.price, execution.price)
            notional += execution.price * execution.size
            volume += execution.size
            cvd += execution.sign * execution.size
        }
        if volume > 0 {
            let (quotient, remainder) = notional.quotientAndRemainder(dividingBy: volume)
            vwap = 2 * remainder >= volume ? quotient + 1 : quotient
        }
    }

    init(_ state: MarketState) {
        last = state.last?.raw
        hod = state.hod?.raw
        lod = state.lod?.raw
        vwap = state.vwap?.raw
        cvd = state.cvdSession
    }

    var description: String { "LAST \(last ?? -1) HOD \(hod ?? -1) LOD \(lod ?? -1) VWAP \(vwap ?? -1) CVD \(cvd)" }
}
