import CZlib
import Foundation

/// A PNG decoded to RGBA pixels, for tests that check a screenshot really shows something: 8-bit
/// RGB or RGBA, not interlaced (what headless Chromium writes).
public struct PNGImage: Sendable {
    public enum DecodeError: Error, CustomStringConvertible {
        case notPNG
        case truncated(chunk: String)
        case unsupported(String)
        case inflate(Int32)

        public var description: String {
            switch self {
            case .notPNG: "not a PNG file (no signature)"
            case .truncated(let chunk): "truncated PNG in chunk \(chunk)"
            case .unsupported(let what): "unsupported PNG: \(what)"
            case .inflate(let code): "the PNG's image data does not inflate (zlib \(code))"
            }
        }
    }

    public let width: Int
    public let height: Int
    /// Row-major RGBA, 4 bytes per pixel.
    public let pixels: [UInt8]

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw DecodeError.notPNG }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: (width: Int, height: Int, channels: Int)?
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw DecodeError.truncated(chunk: type) }
            let body = bytes[offset + 8..<offset + 8 + length]
            switch type {
            case "IHDR":
                let start = body.startIndex
                let depth = body[start + 8]
                let color = body[start + 9]
                guard depth == 8, color == 2 || color == 6, body[start + 12] == 0 else {
                    throw DecodeError.unsupported("bit depth \(depth), color type \(color), interlace \(body[start + 12])")
                }
                header = (be32(offset + 8), be32(offset + 12), color == 6 ? 4 : 3)
            case "IDAT": compressed += body
            default: break
            }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard let header else { throw DecodeError.truncated(chunk: "IHDR") }
        let stride = header.width * header.channels
        var raw = [UInt8](repeating: 0, count: header.height * (stride + 1))
        var size = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &size, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(size) == raw.count else { throw DecodeError.inflate(status) }
        width = header.width
        height = header.height
        pixels = try Self.unfilter(raw, width: header.width, height: header.height, channels: header.channels)
    }

    /// Undoes each row's filter (None, Sub, Up, Average, Paeth) and widens RGB to RGBA.
    private static func unfilter(_ raw: [UInt8], width: Int, height: Int, channels: Int) throws -> [UInt8] {
        let stride = width * channels
        var previous = [UInt8](repeating: 0, count: stride)
        var current = [UInt8](repeating: 0, count: stride)
        var rgba = [UInt8]()
        rgba.reserveCapacity(width * height * 4)
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = raw[start]
            for index in 0..<stride {
                let x = raw[start + 1 + index]
                let a = index >= channels ? Int(current[index - channels]) : 0
                let b = Int(previous[index])
                let c = index >= channels ? Int(previous[index - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw DecodeError.unsupported("row filter \(filter)")
                }
                current[index] = x &+ UInt8(truncatingIfNeeded: predicted)
            }
            for pixel in 0..<width {
                let base = pixel * channels
                rgba += [current[base], current[base + 1], current[base + 2], channels == 4 ? current[base + 3] : 255]
            }
            swap(&previous, &current)
        }
        return rgba
    }

    /// The share of pixels that differ from `background` (white by default).
    public func shareNot(_ background: (UInt8, UInt8, UInt8) = (255, 255, 255)) -> Double {
        var count = 0
        for index in stride(from: 0, to: pixels.count, by: 4)
        where pixels[index] != background.0 || pixels[index + 1] != background.1 || pixels[index + 2] != background.2 {
            count += 1
        }
        return pixels.isEmpty ? 0 : Double(count) / Double(pixels.count / 4)
    }

    /// How many different colors the image holds.
    public var colorCount: Int {
        var colors = Set<UInt32>()
        for index in stride(from: 0, to: pixels.count, by: 4) {
            colors.insert(UInt32(pixels[index]) << 16 | UInt32(pixels[index + 1]) << 8 | UInt32(pixels[index + 2]))
        }
        return colors.count
    }
}
