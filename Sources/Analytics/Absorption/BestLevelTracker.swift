import MarketData

/// The history of one side's best level that absorption needs (Settled detail 13): since when the
/// current best price has been best, its time-weighted mean size over a trailing window, and the
/// window's smallest and largest size. One row is one consistent book (a batch end), rows inside
/// a sweep included. Cost per row is O(1) amortized: a ring of size segments with a running
/// integral, and two monotonic queues for the window's minimum and maximum.
struct BestLevelTracker: Sendable {
    /// What the window (t − w, t] saw at the current best price.
    struct Window: Hashable, Sendable {
        var price: Price
        var meanSize: Double
        var minSize: Int64
        var maxSize: Int64
    }

    /// A size in force from `start`, with the size-time integral of the level up to `start`.
    private struct Segment: Sendable {
        var start: Int64
        var size: Int64
        var integral: Double
    }

    /// A size in force during [start, end); `end` is `Int64.max` while it still is.
    private struct Span: Sendable {
        var start: Int64
        var end: Int64
        var size: Int64
    }

    let window: Int64
    private(set) var price: Price?
    /// When `price` became best.
    private var since: Int64 = 0
    /// The size of the newest segment, kept here so that an unchanged row is recognised without
    /// reaching into the rings.
    private var size: Int64?
    // Rings rather than `RingBuffer`s: a row makes up to a dozen queue operations, and one
    // uniqueness check per row (`makeUnique`) keeps the value semantics for all of them.
    private var segments = Ring<Segment>(capacity: 64)
    /// Sizes strictly decreasing from first to last.
    private var maxima = Ring<Span>(capacity: 64)
    /// Sizes strictly increasing from first to last.
    private var minima = Ring<Span>(capacity: 64)

    init(windowSeconds: Int) {
        window = WindowLength.nanos(seconds: windowSeconds)
    }

    /// Records the side's best level after a row (nil when the side is empty).
    @inline(__always)
    mutating func observe(_ level: BookLevel?, at time: Timestamp) {
        // Most rows leave the best level as it was: decided inline, nothing to write.
        if let level, level.price == price, level.size == size { return }
        record(level, at: time)
    }

    private mutating func record(_ level: BookLevel?, at time: Timestamp) {
        makeUnique()
        guard let level else {
            price = nil
            clear()
            return
        }
        if level.price != price {
            price = level.price
            since = time.nanos
            clear()
        }
        push(size: level.size, at: time.nanos)
    }

    /// The window (now − w, now] at the current best price, or nil unless that price was already
    /// best in the row in force at now − w (and so in every row since).
    mutating func window(at now: Timestamp) -> Window? {
        let cutoff = now.nanos - window
        guard let price, since <= cutoff else { return nil }
        makeUnique()
        evict(before: cutoff)
        guard let first = segments.first, let last = segments.last, let largest = maxima.first,
            let smallest = minima.first
        else { return nil }
        let integralAtCutoff = first.integral + Double(first.size) * Double(cutoff - first.start)
        let integralNow = last.integral + Double(last.size) * Double(now.nanos - last.start)
        let mean = (integralNow - integralAtCutoff) / Double(window)
        return Window(price: price, meanSize: mean, minSize: smallest.size, maxSize: largest.size)
    }

    private mutating func push(size: Int64, at time: Int64) {
        var integral = 0.0
        if let previous = segments.last {
            integral = previous.integral + Double(previous.size) * Double(time - previous.start)
        }
        segments.append(Segment(start: time, size: size, integral: integral))
        self.size = size
        // The previous row ends now; it is the last entry of both queues.
        maxima.updateLast { $0.end = time }
        minima.updateLast { $0.end = time }
        // An entry no larger (smaller) than the new one can never be the window's maximum
        // (minimum) again: the new one lasts at least as long in every later window.
        while let back = maxima.last, back.size <= size { maxima.removeLast() }
        while let back = minima.last, back.size >= size { minima.removeLast() }
        let span = Span(start: time, end: .max, size: size)
        maxima.append(span)
        minima.append(span)
        evict(before: time - window)
    }

    /// Keeps the row in force at `cutoff` and everything after it.
    private mutating func evict(before cutoff: Int64) {
        while segments.count >= 2, segments[1].start <= cutoff { segments.removeFirst() }
        while let front = maxima.first, front.end <= cutoff { maxima.removeFirst() }
        while let front = minima.first, front.end <= cutoff { minima.removeFirst() }
    }

    /// Copies the rings when another value shares them (all three are always shared together).
    @inline(__always)
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&segments) else { return }
        segments = segments.copy()
        maxima = maxima.copy()
        minima = minima.copy()
    }

    private mutating func clear() {
        size = nil
        segments.removeAll()
        maxima.removeAll()
        minima.removeAll()
    }
}
