import VernierSpec

extension InputSplitBaB {
    /// The dimension with the largest influence |A₀,d|·width_d on the open rows, with a guard
    /// against starving a dimension.
    func influenceDimension(_ domain: InputDomain, splittable: [Int], region: Region) -> Int {
        let score = domain.influence ?? [Double](repeating: 0, count: graph.inputCount)
        var splitDimension = splittable[0]
        for d in splittable where score[d] > score[splitDimension] { splitDimension = d }
        if score[splitDimension] == 0 {
            // No linear signal (e.g. bounds fell back to intervals): split the widest side.
            for d in splittable where domain.upper[d] - domain.lower[d] > domain.upper[splitDimension] - domain.lower[splitDimension] {
                splitDimension = d
            }
        }
        // Starvation guard: the final linear form can be flat in a dimension whose range still
        // drives unstable neurons below (ACAS Xu prop. 1 on net 5-2: four dimensions split to
        // floating-point resolution while the fifth kept half its range). A dimension whose share of
        // its original width is 256× that of the chosen one is split instead.
        let share = widthShares(domain, region: region)
        if let widest = splittable.max(by: { share[$0] < share[$1] }), share[widest] > 256 * share[splitDimension] {
            splitDimension = widest
        }
        return splitDimension
    }

    /// Each dimension's width as a share of the region's width in that dimension.
    func widthShares(_ domain: InputDomain, region: Region) -> [Double] {
        (0..<graph.inputCount).map { d -> Double in
            let full = region.box.upper[d] - region.box.lower[d]
            return full > 0 ? (domain.upper[d] - domain.lower[d]) / full : 0
        }
    }

    /// Bounds both halves of every candidate split and keeps the split whose halves' margins,
    /// capped at 0 (a refuted half counts 0), sum highest; ties go to the larger sum of the halves'
    /// own (not inherited) margins. The sum, not the worse half: when the margin is attained at a
    /// corner of the box, every split leaves one half with that corner and about the parent's
    /// margin, and the worse half cannot tell the splits apart (ACAS Xu prop. 2 on net 4-2 split
    /// one dimension to floating-point resolution that way).
    ///
    /// Dimensions much narrower than the widest (`lookaheadWidthRatio`) are not tried. On ACAS Xu
    /// the lookahead solves prop. 1 on nets 2-4, 2-8 and 4-7 in seconds, which the influence
    /// score did not solve in 116 s: the final linear form is nearly flat in the heading angle
    /// that drives the unstable neurons, so influence never split it.
    func lookahead(_ domain: InputDomain, splittable: [Int], region: Region, property: Property,
                   tally initial: BoundingTally, optimize: Bool = false,
                   shouldStop: @Sendable () -> Bool = { false }) -> (Expansion, BoundingTally) {
        var tally = initial
        let share = widthShares(domain, region: region)
        let widest = splittable.map { share[$0] }.max() ?? 0
        var best: (key: (Double, Double), children: [InputDomain])?
        var failure: String?
        candidates: for d in splittable where share[d] * options.lookaheadWidthRatio >= widest {
            // One expansion bounds up to 2·dims domains: honour a stop request between candidates
            // by queueing the domain again, whole (the caller ends with a timeout).
            if shouldStop() { return (.children([domain]), tally) }
            let (a, b) = domain.split(d)
            var sum = 0.0, freshSum = 0.0, open = [InputDomain]()
            for half in [a, b] {
                switch evaluate(half, region: region, property: property, optimize: optimize, tally: &tally) {
                case .refuted:
                    continue
                case .violation(let x): return (.violation(x), tally)
                case .failed(let message):
                    // Another candidate may still bound; fail only if none does.
                    failure = message
                    continue candidates
                case .open(let child):
                    sum += min(child.margin, 0)
                    freshSum += min(child.freshMargin, 0)
                    open.append(child)
                }
            }
            if best == nil || (sum, freshSum) > best!.key { best = ((sum, freshSum), open) }
        }
        guard let best else {
            if let failure { return (.failed(failure), tally) }
            // Unreachable (the widest splittable dimension always qualifies); split it anyway.
            let d = splittable.max { share[$0] < share[$1] }!
            let (a, b) = domain.split(d)
            return (.children([a, b]), tally)
        }
        return (.children(best.children), tally)
    }
}
