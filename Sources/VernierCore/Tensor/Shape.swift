/// Shape arithmetic shared by operators: element counts, strides, broadcasting.
public enum Shape {
    /// Number of elements of a tensor of this shape (1 for a scalar).
    @inlinable
    public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = acc
            acc *= shape[i]
        }
        return strides
    }

    /// Normalises a possibly negative axis for a tensor of rank `rank`; nil when out of range.
    public static func normalizedAxis(_ axis: Int, rank: Int) -> Int? {
        let a = axis < 0 ? axis + rank : axis
        return (0..<max(rank, 1)).contains(a) || (rank == 0 && a == 0) ? a : nil
    }

    /// NumPy/ONNX multidirectional broadcasting of two shapes; nil when incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }

    /// For every element of a tensor of shape `outShape`, the flat index of the element of a tensor
    /// of shape `inShape` that broadcasting maps to it. `inShape` must broadcast to `outShape`.
    public static func broadcastIndices(from inShape: [Int], to outShape: [Int]) -> [Int] {
        let rank = outShape.count
        let padded = [Int](repeating: 1, count: rank - inShape.count) + inShape
        let inStrides = strides(padded)
        let n = count(outShape)
        var result = [Int](repeating: 0, count: n)
        if n == 0 { return result }
        var index = [Int](repeating: 0, count: rank)
        for flat in 0..<n {
            var src = 0
            for d in 0..<rank where padded[d] != 1 { src += index[d] * inStrides[d] }
            result[flat] = src
            // increment the multi-index
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < outShape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return result
    }
}
