/// What `Conv` and `ConvTranspose` share: a grouped map with constant weights from an operand
/// `[N, C, inputSpatial...]` to `[N, M, outputSpatial...]`, plus an optional bias per output
/// channel. Every `[C, spatial...]` image of every sample is mapped the same way.
package protocol ConvolutionOperator: Operator {
    var inputChannels: Int { get }
    var outputChannels: Int { get }
    var groups: Int { get }
    var inputSpatial: [Int] { get }
    var outputSpatial: [Int] { get }
    var kernelShape: [Int] { get }
    var weights: [Double] { get }
    /// `|weights|`, element by element.
    var absWeights: [Double] { get }
    /// One value per output channel.
    var bias: [Double]? { get }
    /// The largest number of products summed into one output (before the bias).
    var termsPerOutput: Int { get }

    /// The bias-free map of every image of `x` with the filters `w` (the weights or their
    /// magnitudes); each output sums at most `termsPerOutput` products.
    func linearPart(_ x: [Double], weights w: [Double]) -> [Double]
}

extension ConvolutionOperator {
    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let r = inputSpatial.count
        guard inputShapes.count == 1, inputShapes[0].count == r + 2 else {
            throw ShapeError("\(kind) expects one operand of shape [N, C, \(r) spatial dims], got \(inputShapes)")
        }
        let s = inputShapes[0]
        guard s[1] == inputChannels, Array(s.suffix(r)) == inputSpatial else {
            throw ShapeError("\(kind) was built for input [N, \(inputChannels)] + \(inputSpatial), got \(s)")
        }
        return resultShape(s)
    }

    package func resultShape(_ shape: [Int]) -> [Int] {
        Array(shape.dropLast(inputSpatial.count + 1)) + [outputChannels] + outputSpatial
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        var y = linearPart(x.data, weights: weights)
        if let bias { addChannelBias(bias, to: &y) }
        return Tensor(shape: resultShape(x.shape), data: y)
    }

    /// Number of `[C, inputSpatial...]` images in an operand of `count` values.
    func images(in count: Int) -> Int {
        let imageSize = inputChannels * Shape.count(inputSpatial)
        return imageSize == 0 ? 0 : count / imageSize
    }

    /// Adds one value per output channel.
    package func addChannelBias(_ bias: [Double], to y: inout [Double]) {
        let plane = Shape.count(outputSpatial)
        let image = outputChannels * plane
        guard image > 0 else { return }
        y.withUnsafeMutableBufferPointer { yp in
            var start = 0
            while start < yp.count {
                for c in 0..<outputChannels {
                    let b = bias[c]
                    for p in 0..<plane { yp[start + c * plane + p] += b }
                }
                start += image
            }
        }
    }
}
