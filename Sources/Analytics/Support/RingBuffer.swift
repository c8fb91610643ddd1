/// A first-in first-out queue in contiguous storage that reuses its slots, so a trailing window
/// allocates only while it grows to its busiest size and never again after that. A value type:
/// copies share a `Ring` until one of them writes (one uniqueness check per mutation; the hot
/// paths hold a `Ring` and check once per event).
struct RingBuffer<Element> {
    private var ring: Ring<Element>

    init(capacity: Int = 16) {
        ring = Ring(capacity: capacity)
    }

    var count: Int { ring.count }

    var isEmpty: Bool { ring.isEmpty }

    /// The oldest element.
    var first: Element? { ring.first }

    /// The newest element.
    var last: Element? { ring.last }

    /// The element `index` places after the oldest (0 is the oldest).
    subscript(index: Int) -> Element {
        get { ring[index] }
        set {
            makeUnique()
            ring[index] = newValue
        }
    }

    mutating func append(_ element: Element) {
        makeUnique()
        ring.append(element)
    }

    /// Removes and returns the oldest element.
    @discardableResult
    mutating func removeFirst() -> Element? {
        guard !ring.isEmpty else { return nil }
        makeUnique()
        return ring.removeFirst()
    }

    /// Removes and returns the newest element.
    @discardableResult
    mutating func removeLast() -> Element? {
        guard !ring.isEmpty else { return nil }
        makeUnique()
        return ring.removeLast()
    }

    mutating func removeAll() {
        guard !ring.isEmpty else { return }
        makeUnique()
        ring.removeAll()
    }

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&ring) { ring = ring.copy() }
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
