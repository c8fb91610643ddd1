extension IBKRConnection {
    /// Sends `request` and waits for the first reply `match` turns into a value, or for an error
    /// about `reqID`.
    /// - Throws: `IBKRConnectionError` when TWS answers with an error for the request or nothing
    ///   comes within `timeout`.
    public func request<Value: Sendable>(
        _ request: TWSRequest, reqID: Int, timeout: Duration, _ match: @escaping @Sendable (TWSResponse) -> Value?
    ) async throws -> Value {
        let events = events()
        try send(request)
        let outcome: Result<Value, IBKRConnectionError>? = await withTaskGroup(of: Result<Value, IBKRConnectionError>?.self) { group in
            group.addTask {
                for await event in events {
                    guard case .response(let response) = event else { continue }
                    if let value = match(response) { return .success(value) }
                    if case .error(let error) = response, error.id == reqID, !error.isWarning {
                        return .failure(IBKRConnectionError("TWS refused request \(reqID): \(error)"))
                    }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: throw IBKRConnectionError.timeout("the reply to request \(reqID)", configuration.host, configuration.port)
        }
    }

    /// The contract TWS knows for `contract` (with its conId), e.g. to check a symbol before trading.
    /// - Throws: `IBKRConnectionError` with TWS's error 200 when the symbol is unknown.
    public func contractDetails(for contract: TWSContract, timeout: Duration = .seconds(10)) async throws -> TWSContract {
        let reqID = nextRequestID()
        return try await request(.contractDetails(reqID: reqID, contract: contract), reqID: reqID, timeout: timeout) {
            if case .contractDetails(let id, let found, _, _) = $0, id == reqID { return found }
            return nil
        }
    }

    /// The average daily volume of the last 30 sessions from 30 daily bars, what RVOL_DAY needs.
    /// - Throws: `IBKRConnectionError` when TWS refuses (no historical data permission) or times out.
    public func averageDailyVolume(of contract: TWSContract, timeout: Duration = .seconds(20)) async throws -> Int64 {
        let reqID = nextRequestID()
        let request = TWSRequest.historicalData(
            reqID: reqID, contract: contract, endDateTime: "", barSize: "1 day", duration: "30 D", useRTH: true,
            whatToShow: "TRADES")
        let bars = try await self.request(request, reqID: reqID, timeout: timeout) { response -> [TWSBar]? in
            if case .historicalData(let id, _, _, let bars) = response, id == reqID { return bars }
            return nil
        }
        guard !bars.isEmpty else {
            throw IBKRConnectionError("TWS returned no daily bars for \(contract.symbol): no average volume for RVOL")
        }
        return bars.reduce(Int64(0)) { $0 + $1.volume } / Int64(bars.count)
    }
}
