/// A grouped multi-channel correlation through a precomputed tap map, evaluated as im2col + GEMM,
/// and its adjoint: the kernels of `Conv` and `ConvTranspose`.
///
/// Operands are runs of images; a *source* image is `[sourceChannels, sourcePlane]` and a *target*
/// image `[targetChannels, targetPlane]`, row-major. With `S = sourceChannels / groups` and
/// `T = targetChannels / groups`, target channel `g·T + m` at position `p` is
/// `Σ_{c < S, t < taps} W[g·T + m, c, t] · source[g·S + c, map[t·targetPlane + p]]`, where
/// `W` is `[targetChannels, S, taps]` row-major and a map entry −1 reads 0.
///
/// `Conv` is `apply` with source = its input and the gather map; `ConvTranspose` is `applyAdjoint`
/// with source = its output and the scatter map (and each one's gradient is the other function).
/// The images are processed side by side as the columns of the GEMMs, in chunks of
/// `max(1, columnBudget / scratchPerImage)` images.
struct TapCorrelation: Sendable {
    let sourceChannels: Int
    let targetChannels: Int
    let groups: Int
    let sourcePlane: Int
    let targetPlane: Int
    let taps: Int
    /// `taps × targetPlane`: source position read by each tap for each target position (−1: none).
    let map: [Int32]
    /// Scratch values per image that `columnBudget` bounds, which sets the images per chunk: `Conv`
    /// counts its patch matrix, `ConvTranspose` the larger of its two scratch matrices.
    let scratchPerImage: Int

    /// Scratch values of one chunk (32 MiB of doubles).
    static let columnBudget = 1 << 22

    /// Source channels per group.
    private var sourceGroup: Int { sourceChannels / groups }
    /// Target channels per group.
    private var targetGroup: Int { targetChannels / groups }
    /// Rows of the patch matrix (columns of one group's weight block): `S · taps`.
    private var patchRows: Int { sourceGroup * taps }

    /// The target images of `images` source images laid out in `source`: per chunk and group,
    /// im2col through the map, then one GEMM `W_g · cols`. Each target value is one dot product of
    /// `S · taps` terms (taps outside the source contribute exact zeros).
    func apply(_ source: [Double], images: Int, weights w: [Double]) -> [Double] {
        let tp = targetPlane, tg = targetGroup, kk = patchRows
        var target = [Double](repeating: 0, count: images * targetChannels * tp)
        forEachChunk(source, into: &target, images: images, weights: w) { buf, g, first, count in
            let width = count * tp
            // im2col: row (c, tap), column (image, target position).
            forEachPatchRow(group: g, first: first, count: count) { image, row, tapRow in
                for p in 0..<tp {
                    let i = Int(buf.map[tapRow + p])
                    buf.cols[row + p] = i >= 0 ? buf.input[image + i] : 0
                }
            }
            BLAS.gemm(m: tg, n: width, k: kk, a: buf.weights.baseAddress! + g * tg * kk, lda: kk,
                      b: buf.cols.baseAddress!, ldb: width, c: buf.packed.baseAddress!, ldc: width)
            forEachTargetRow(group: g, first: first, count: count) { image, row in
                for p in 0..<tp { buf.output[image + p] = buf.packed[row + p] }
            }
        }
        return target
    }

    /// The adjoint of `apply`: the source images of `images` target images laid out in `target`.
    /// Per chunk and group, one GEMM `W_gᵀ · target_g`, then col2im: a scatter-add of the patch
    /// rows through the map onto a zero-initialised result (one summation tree per source value, of
    /// at most `T · taps` products).
    func applyAdjoint(_ target: [Double], images: Int, weights w: [Double]) -> [Double] {
        let tp = targetPlane, tg = targetGroup, kk = patchRows
        var source = [Double](repeating: 0, count: images * sourceChannels * sourcePlane)
        forEachChunk(target, into: &source, images: images, weights: w) { buf, g, first, count in
            let width = count * tp
            forEachTargetRow(group: g, first: first, count: count) { image, row in
                for p in 0..<tp { buf.packed[row + p] = buf.input[image + p] }
            }
            BLAS.gemm(transA: true, m: kk, n: width, k: tg, a: buf.weights.baseAddress! + g * tg * kk, lda: kk,
                      b: buf.packed.baseAddress!, ldb: width, c: buf.cols.baseAddress!, ldc: width)
            forEachPatchRow(group: g, first: first, count: count) { image, row, tapRow in
                for p in 0..<tp {
                    let i = Int(buf.map[tapRow + p])
                    if i >= 0 { buf.output[image + i] += buf.cols[row + p] }
                }
            }
        }
        return source
    }

    /// The operands and scratch of one evaluation. For a chunk of `count` images (`width =
    /// count · targetPlane` columns), `cols` holds the `patchRows × width` patch matrix and `packed`
    /// the `T × width` target values of one group, both row-major.
    private struct Buffers {
        let input: UnsafeBufferPointer<Double>
        let weights: UnsafeBufferPointer<Double>
        let map: UnsafeBufferPointer<Int32>
        let cols: UnsafeMutableBufferPointer<Double>
        let packed: UnsafeMutableBufferPointer<Double>
        let output: UnsafeMutableBufferPointer<Double>
    }

    /// Calls `body(buffers, group, first, count)` for every chunk of images `first ..< first + count`
    /// and every group, in that order; does nothing when no target value has a term.
    private func forEachChunk(_ input: [Double], into output: inout [Double], images: Int, weights: [Double],
                              _ body: (_ buffers: Buffers, _ group: Int, _ first: Int, _ count: Int) -> Void) {
        guard images > 0, targetPlane > 0, targetGroup > 0, patchRows > 0 else { return }
        let chunk = max(1, min(images, Self.columnBudget / scratchPerImage))
        var cols = [Double](repeating: 0, count: patchRows * chunk * targetPlane)
        var packed = [Double](repeating: 0, count: targetGroup * chunk * targetPlane)
        input.withUnsafeBufferPointer { xp in
            weights.withUnsafeBufferPointer { wp in
                map.withUnsafeBufferPointer { mp in
                    cols.withUnsafeMutableBufferPointer { cp in
                        packed.withUnsafeMutableBufferPointer { pp in
                            output.withUnsafeMutableBufferPointer { yp in
                                let buffers = Buffers(input: xp, weights: wp, map: mp, cols: cp, packed: pp, output: yp)
                                var first = 0
                                while first < images {
                                    let count = min(chunk, images - first)
                                    for g in 0..<groups { body(buffers, g, first, count) }
                                    first += count
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body(image, row, tapRow)` for every source channel `c` of group `g`, tap `t` and image
    /// `s` of the chunk, in that order: `image` is where that source channel's plane starts,
    /// `row` where the image's block of patch row `(c, t)` starts in `cols`, and `tapRow` where the
    /// tap's row starts in `map`.
    private func forEachPatchRow(group g: Int, first: Int, count: Int, _ body: (_ image: Int, _ row: Int, _ tapRow: Int) -> Void) {
        let sg = sourceGroup, width = count * targetPlane
        for c in 0..<sg {
            for t in 0..<taps {
                let row = (c * taps + t) * width
                for s in 0..<count {
                    body(((first + s) * sourceChannels + g * sg + c) * sourcePlane, row + s * targetPlane, t * targetPlane)
                }
            }
        }
    }

    /// Calls `body(image, row)` for every target channel `m` of group `g` and image `s` of the chunk,
    /// in that order: `image` is where that target channel's plane starts and `row` where the
    /// image's block of row `m` starts in `packed`.
    private func forEachTargetRow(group g: Int, first: Int, count: Int, _ body: (_ image: Int, _ row: Int) -> Void) {
        let tg = targetGroup, width = count * targetPlane
        for m in 0..<tg {
            for s in 0..<count {
                body(((first + s) * targetChannels + g * tg + m) * targetPlane, m * width + s * targetPlane)
            }
        }
    }
}
