/// A price distance as a strategy writes it: dollars (`0.05`), or a share of the reference price,
/// LAST, in percent (`0.02%`) or basis points (`2bp`), so one strategy fits a $20 and a $600 stock.
///
/// A share is turned into dollars at the moment it is checked, from LAST then, in fixed point and
/// to whole cents (half up): a stop or target built from it stays on the penny grid. Nothing is
/// ever computed through a binary float.
public enum PriceDistance: Hashable, Sendable, CustomStringConvertible {
    case dollars(Price)
    /// Millionths of the reference price (0.02 % and 2 bp are both 200), and how it was written.
    case share(perMillion: Int64, written: String)
    /// Minimum price increments of US stocks (Reg NMS rule 612): a cent at $1.00 and above, a
    /// hundredth of a cent below, so the tick size is known from the price itself.
    case ticks(Int64)

    /// Parses `0.05`, `$0.05`, `0.02%` (at most 4 decimals, 0 to 100 %), `2bp` (at most 2
    /// decimals) or `3t` (whole ticks); nil for anything else, and for a negative distance.
    public init?(parsing text: some StringProtocol) {
        let trimmed = Substring(text)
        if trimmed.hasSuffix("%") {
            guard let percent = Price(parsing: trimmed.dropLast()), percent >= .zero, percent.raw <= 100 * Price.scale else { return nil }
            self = .share(perMillion: percent.raw, written: String(trimmed))
        } else if trimmed.hasSuffix("t"), let count = Int64(trimmed.dropLast()), count >= 0, count <= 100_000 {
            self = .ticks(count)
        } else if trimmed.hasSuffix("bp") {
            guard let points = Price(parsing: trimmed.dropLast(2)), points >= .zero, points.raw % 100 == 0,
                points.raw <= 10_000 * Price.scale
            else { return nil }
            self = .share(perMillion: points.raw / 100, written: String(trimmed))
        } else {
            guard let dollars = Price(parsing: trimmed), dollars >= .zero else { return nil }
            self = .dollars(dollars)
        }
    }

    /// The distance in dollars at `reference` (LAST): itself for dollars; for a share, that share
    /// of `reference` to the nearest cent (half up), or zero with no reference (a limit of zero
    /// refuses, so an unknown price never lets an entry through).
    @inlinable
    public func dollars(at reference: Price?) -> Price {
        switch self {
        case .dollars(let price): return price
        case .share(let perMillion, _):
            guard let reference, reference > .zero else { return .zero }
            let (product, overflow) = reference.raw.multipliedReportingOverflow(by: perMillion)
            guard !overflow else { return .zero }
            // raw × share / 10^6 is the distance in ten-thousandths; 100 of them make a cent.
            let hundredths = product / 100_000_000
            let remainder = product % 100_000_000
            return Price(cents: hundredths + (remainder >= 50_000_000 ? 1 : 0))
        case .ticks(let count):
            // Without a price the tick is the cent of every stock at $1 and above.
            let tick: Int64 = reference.map { $0 >= Price(cents: 100) } ?? true ? 100 : 1
            return Price(raw: count * tick)
        }
    }

    /// True for a share of LAST or ticks, whose dollars depend on the price.
    public var isRelative: Bool {
        if case .dollars = self { return false }
        return true
    }

    /// `0.05`, `0.02%`, `2bp`: as written.
    public var description: String {
        switch self {
        case .dollars(let price): price.display
        case .share(_, let written): written
        case .ticks(let count): "\(count)t"
        }
    }

    /// `0.11 (0.05% of 224.30)` for a share, `0.05` for dollars: a limit in a refusal's words.
    public func shown(at reference: Price?) -> String {
        switch self {
        case .dollars(let price): return price.display
        case .share(_, let written):
            guard let reference else { return "\(written) of LAST" }
            return "\(dollars(at: reference).display) (\(written) of \(reference.display))"
        case .ticks(let count):
            return "\(dollars(at: reference).display) (\(count) tick\(count == 1 ? "" : "s"))"
        }
    }

    /// `$0.11 (0.05% of 224.30)` for a share, `$0.05` for dollars: both forms, for the prompt and
    /// the reports (`shown(at:)` with a dollar sign, where there are dollars to show).
    public func explained(at reference: Price?) -> String {
        if case .share = self, reference == nil { return shown(at: nil) }
        return "$" + shown(at: reference)
    }
}

/// The five price distances of the risk limits (`max_spread`, `max_risk_per_share`, `max_target`,
/// `level_buffer`, `max_slippage`), in dollars at one moment: what a check compares with.
public struct RiskDistances: Hashable, Sendable {
    public var maxSpread: Price
    public var maxRiskPerShare: Price
    public var maxTarget: Price
    public var levelBuffer: Price
    public var maxSlippage: Price

    /// Each distance in dollars at `reference` (LAST).
    public init(
        maxSpread: PriceDistance, maxRiskPerShare: PriceDistance, maxTarget: PriceDistance, levelBuffer: PriceDistance,
        maxSlippage: PriceDistance, at reference: Price?
    ) {
        self.maxSpread = maxSpread.dollars(at: reference)
        self.maxRiskPerShare = maxRiskPerShare.dollars(at: reference)
        self.maxTarget = maxTarget.dollars(at: reference)
        self.levelBuffer = levelBuffer.dollars(at: reference)
        self.maxSlippage = maxSlippage.dollars(at: reference)
    }
}
