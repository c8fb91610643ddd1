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

    /// The average daily volume RVOL_DAY needs: the mean of the last 30 daily bars or, when TWS
    /// cannot give 30 (no historical data permission, a pacing violation, a recent listing), the
    /// 90-day average volume of generic tick 165 (tick 21). With neither, the mean of the bars
    /// TWS did give.
    /// - Throws: `IBKRConnectionError` naming why each source failed when neither is available.
    public func averageDailyVolume(of contract: TWSContract, timeout: Duration = .seconds(20)) async throws -> Int64 {
        var bars: [TWSBar] = []
        var barsProblem: String
        do {
            bars = try await dailyBars(of: contract, timeout: timeout)
            if bars.count >= 30 { return Self.averageVolume(bars[...]) }
            barsProblem = "TWS returned \(bars.count) daily bars, not 30"
        } catch {
            barsProblem = "\(error)"
        }
        logger.warning("IBKR: no 30 daily bars for \(contract.symbol) (\(barsProblem)); asking for generic tick 165")
        do {
            return try await averageVolumeTick(of: contract, timeout: timeout)
        } catch {
            guard bars.isEmpty else {
                logger.warning("IBKR: no generic tick 165 for \(contract.symbol) (\(error)); using \(bars.count) daily bars")
                return Self.averageVolume(bars[...])
            }
            throw IBKRConnectionError(
                "no average daily volume for \(contract.symbol), so RVOL_DAY stays null: 30 daily bars: \(barsProblem); "
                    + "generic tick 165: \(error). Check the account's market data subscriptions and historical data permissions.")
        }
    }

    /// Up to 30 daily bars of trades in regular hours, ending now.
    func dailyBars(of contract: TWSContract, timeout: Duration) async throws -> [TWSBar] {
        let reqID = nextRequestID()
        let request = TWSRequest.historicalData(
            reqID: reqID, contract: contract, endDateTime: "", barSize: "1 day", duration: "30 D", useRTH: true,
            whatToShow: "TRADES")
        return try await self.request(request, reqID: reqID, timeout: timeout) { response -> [TWSBar]? in
            if case .historicalData(let id, _, _, let bars) = response, id == reqID { return bars }
            return nil
        }
    }

    /// Tick 21 of generic tick 165, from a streaming subscription (TWS refuses generic ticks on
    /// snapshots) that is cancelled once the value came or the wait ended. IB documents tick 21 for
    /// stocks with a multiplier of 100: it counts hundreds of shares. (Taken as shares, a stock's
    /// RVOL_DAY would come out a hundred times too high and pass every RVOL rule.)
    func averageVolumeTick(of contract: TWSContract, timeout: Duration) async throws -> Int64 {
        let reqID = nextRequestID()
        let request = TWSRequest.marketData(reqID: reqID, contract: contract, genericTicks: "165", snapshot: false)
        defer { try? send(.cancelMarketData(reqID: reqID)) }
        return try await self.request(request, reqID: reqID, timeout: timeout) { response -> Int64? in
            switch response {
            case .tickSize(let id, 21, let size) where id == reqID && size > 0 && size < Self.volumeLotLimit:
                return size * Self.sharesPerVolumeLot
            case .tickGeneric(let id, 21, let value?) where id == reqID && value >= 1 && value < 1e13:
                return Int64(value.rounded()) * Self.sharesPerVolumeLot
            default:
                return nil
            }
        }
    }

    /// Shares in one unit of tick 21 (and tick 8) for US stocks.
    static let sharesPerVolumeLot: Int64 = 100
    /// Larger tick-21 values are damaged replies, not volumes.
    static let volumeLotLimit: Int64 = 10_000_000_000_000

    /// The mean volume of the last 30 bars at most; each volume is clamped so that no reply can
    /// overflow the sum.
    static func averageVolume(_ bars: ArraySlice<TWSBar>) -> Int64 {
        let last = bars.suffix(30)
        guard !last.isEmpty else { return 0 }
        return last.reduce(Int64(0)) { $0 + min(max(0, $1.volume), Int64.max / 64) } / Int64(last.count)
    }
}
