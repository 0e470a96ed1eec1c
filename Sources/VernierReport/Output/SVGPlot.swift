import Foundation

/// A small SVG plotting helper: a plot area with linear or log₁₀ axes, ticks and labels.
/// Produces self-contained markup (no scripts, no external fonts).
struct SVGPlot {
    var width: Double
    var height: Double
    var margin = (left: 56.0, right: 16.0, top: 16.0, bottom: 44.0)
    var x: Axis
    var y: Axis

    struct Axis {
        var lower: Double
        var upper: Double
        var logarithmic = false
        var label: String
        var format: (Double) -> String = { String(format: "%g", $0) }

        func unit(_ v: Double) -> Double {
            if logarithmic {
                let (a, b) = (log10(lower), log10(upper))
                return b > a ? (log10(max(v, lower)) - a) / (b - a) : 0.5
            }
            return upper > lower ? (v - lower) / (upper - lower) : 0.5
        }

        /// About `count` round tick values inside the range (decades on a log axis).
        func ticks(_ count: Int = 5) -> [Double] {
            if logarithmic {
                let a = Int(floor(log10(lower))), b = Int(ceil(log10(upper)))
                var values = [Double]()
                for e in a...max(a, b) {
                    for m in [1.0, 3.0] {
                        let v = m * pow(10, Double(e))
                        if v >= lower * (1 - 1e-9), v <= upper * (1 + 1e-9) { values.append(v) }
                    }
                }
                return values
            }
            let span = upper - lower
            guard span > 0 else { return [lower] }
            let raw = span / Double(count)
            let magnitude = pow(10, floor(log10(raw)))
            let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
            var values = [Double]()
            var v = (lower / step).rounded(.up) * step
            while v <= upper + step * 1e-9 { values.append(abs(v) < step * 1e-9 ? 0 : v); v += step }
            return values
        }
    }

    var plotLeft: Double { margin.left }
    var plotRight: Double { width - margin.right }
    var plotTop: Double { margin.top }
    var plotBottom: Double { height - margin.bottom }

    func px(_ v: Double) -> Double { plotLeft + x.unit(v) * (plotRight - plotLeft) }
    func py(_ v: Double) -> Double { plotBottom - y.unit(v) * (plotBottom - plotTop) }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }

    /// The `<svg>` element around `content`, with grid, axes, ticks and axis labels.
    func render(title: String, content: String) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(Format.escapeHTML(title))\" class=\"plot\">\n"
        s += "<title>\(Format.escapeHTML(title))</title>\n"
        s += "<rect x=\"\(Self.n(plotLeft))\" y=\"\(Self.n(plotTop))\" width=\"\(Self.n(plotRight - plotLeft))\" height=\"\(Self.n(plotBottom - plotTop))\" fill=\"#fbfbfd\" stroke=\"#c8c8d0\"/>\n"
        for t in y.ticks() {
            let yy = Self.n(py(t))
            s += "<line x1=\"\(Self.n(plotLeft))\" x2=\"\(Self.n(plotRight))\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"#e4e4ea\"/>"
            s += "<text x=\"\(Self.n(plotLeft - 6))\" y=\"\(yy)\" text-anchor=\"end\" dominant-baseline=\"middle\" class=\"tick\">\(Format.escapeHTML(y.format(t)))</text>\n"
        }
        for t in x.ticks() {
            let xx = Self.n(px(t))
            s += "<line x1=\"\(xx)\" x2=\"\(xx)\" y1=\"\(Self.n(plotTop))\" y2=\"\(Self.n(plotBottom))\" stroke=\"#e4e4ea\"/>"
            s += "<text x=\"\(xx)\" y=\"\(Self.n(plotBottom + 16))\" text-anchor=\"middle\" class=\"tick\">\(Format.escapeHTML(x.format(t)))</text>\n"
        }
        s += "<text x=\"\(Self.n((plotLeft + plotRight) / 2))\" y=\"\(Self.n(height - 8))\" text-anchor=\"middle\" class=\"axis\">\(Format.escapeHTML(x.label))</text>\n"
        s += "<text transform=\"translate(14 \(Self.n((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">\(Format.escapeHTML(y.label))</text>\n"
        s += content
        s += "</svg>\n"
        return s
    }
}
