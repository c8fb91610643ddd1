/// Error texts shared by the message and orderbook parsers.
enum LobsterDiagnostics {
    /// The error for a field that failed to parse at `scanner`: a wrong column count when the line
    /// has one, else the whole field that is not what `expectation(columnIndex)` says.
    static func fieldError(
        _ scanner: FieldScanner, path: String, line: Int, expected: Int, expectation: (Int) -> String
    ) -> ReplayError {
        let columns = scanner.columnCount()
        if columns != expected {
            let what =
                expected == 6 ? "a message row has 6 columns" : "this orderbook file has \(expected) columns per row"
            return ReplayError(.invalidData, path: path, line: line, message: "\(what), found \(columns)")
        }
        var field = scanner
        // Report the whole field, not the byte where parsing stopped.
        while field.position > field.lineStart && (field.position - 1).pointee != UInt8(ascii: ",") {
            field.position -= 1
        }
        let index = field.columnIndex()
        let text = field.fieldText()
        return ReplayError(
            .invalidData, path: path, line: line, column: field.column,
            message: "\(expectation(index)), found " + (text.isEmpty ? "an empty field" : "'\(text)'"))
    }

    /// The 1-based byte column where 0-based `field` starts in the line at `start`.
    static func column(of field: Int, from start: UnsafePointer<UInt8>) -> Int {
        var cursor = start
        var commas = 0
        while commas < field && cursor.pointee != UInt8(ascii: "\n") {
            if cursor.pointee == UInt8(ascii: ",") { commas += 1 }
            cursor += 1
        }
        return cursor - start + 1
    }

    /// Nanoseconds as seconds with 9 decimals, the way LOBSTER writes its time column.
    static func seconds(_ nanos: Int64) -> String {
        let fraction = String(nanos % 1_000_000_000)
        return "\(nanos / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}
