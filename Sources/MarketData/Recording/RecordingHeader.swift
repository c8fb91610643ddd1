/// The header of a recording: what the file is about and where its records start.
struct RecordingHeader: Hashable, Sendable {
    var version: Int
    /// Bytes from the start of the file to the first record.
    var length: Int
    var symbol: String
    var sessionDate: SessionDate

    /// True when `bytes` start with the recording magic.
    static func hasMagic(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        count >= RecordingFormat.magic.count
            && RecordingFormat.magic.indices.allSatisfy { bytes[$0] == RecordingFormat.magic[$0] }
    }

    init(_ bytes: UnsafePointer<UInt8>, count: Int, path: String) throws {
        func error(_ text: String) -> ReplayError { ReplayError(.invalidData, path: path, message: text) }
        func little(_ offset: Int, _ width: Int) -> Int {
            (0..<width).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        guard Self.hasMagic(bytes, count: count) else {
            throw error("not an FSDTrader recording: the file does not start with the FSDR marker")
        }
        guard count >= RecordingFormat.fixedHeaderLength else {
            throw error("the recording header is cut short (\(count) bytes)")
        }
        version = little(8, 2)
        guard version == Int(RecordingFormat.version) || version == Int(RecordingFormat.legacyVersion) else {
            throw error(
                "the recording has format version \(version); this fsd reads version \(RecordingFormat.version): "
                    + "use the fsd that wrote it or a newer one")
        }
        length = little(10, 2)
        let scale = little(12, 4)
        let symbolLength = Int(bytes[20])
        let checksumLength = version == Int(RecordingFormat.version) ? RecordingFormat.headerChecksumLength : 0
        guard symbolLength >= 1, symbolLength <= RecordingFormat.maximumSymbolLength,
            length == RecordingFormat.fixedHeaderLength + symbolLength + checksumLength, count >= length
        else {
            throw error("the recording header is damaged (header length \(length), symbol length \(symbolLength))")
        }
        if checksumLength > 0 {
            let stored = UInt32(truncatingIfNeeded: little(length - 4, 4))
            let computed = CRC32C.update(0, bytes, count: length - 4)
            guard stored == computed else {
                throw error(
                    "at byte 0: the recording header (bytes 0 to \(length - 1)) fails its CRC32C checksum "
                        + "(stored \(Self.hex(stored)), computed \(Self.hex(computed))): the file is damaged")
            }
        }
        guard scale == Int(Price.scale) else {
            throw error("the recording's price scale is \(scale) units per dollar; this fsd reads \(Price.scale)")
        }
        let symbolBytes = UnsafeBufferPointer(start: bytes + RecordingFormat.fixedHeaderLength, count: symbolLength)
        guard symbolBytes.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw error("the recording header's symbol is not printable ASCII")
        }
        symbol = String(decoding: symbolBytes, as: UTF8.self)
        let year = little(16, 2)
        let month = Int(bytes[18])
        let day = Int(bytes[19])
        guard SessionDate.isValid(year: year, month: month, day: day) else {
            throw error(
                "the recording header's session date \(Self.dateText(year, month, day)) is not a calendar day "
                    + "(years 1 to 9999): the header is damaged")
        }
        sessionDate = SessionDate(year: year, month: month, day: day)
    }

    /// `0x1a2b3c4d`.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// `YYYY-MM-DD` as written, even for a date that is not one (`0000-02-31`).
    private static func dateText(_ year: Int, _ month: Int, _ day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
