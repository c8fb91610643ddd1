/// Why a journal could not be written or read back. A journal that cannot be trusted stops a live
/// run: trading on without knowing the day's P&L or a halt would be worse than not trading.
public enum JournalError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case closed(path: String)
    /// A line other than the last is not a journal record.
    case corruptLine(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "\(path): error: cannot open the journal: \(reason). Check the folder exists and is writable, or pass --journal PATH."
        case .cannotWrite(let path, let reason):
            "\(path): error: cannot write the journal: \(reason). Free disk space or fix permissions; the run stops rather than trade unjournaled."
        case .closed(let path):
            "\(path): error: the journal was already closed."
        case .corruptLine(let path, let line, let reason):
            "\(path):\(line): error: \(reason). Only the last line may be damaged (a crash mid-write); "
                + "a damaged line inside the journal means it was edited: restore it or move the file aside to start the day afresh."
        }
    }
}
