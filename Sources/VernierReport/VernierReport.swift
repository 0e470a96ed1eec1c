// Module VernierReport: robustness reports, suites, baselines, CI outputs (issue 7). Work in progress.
