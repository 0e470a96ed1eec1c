// Module VernierSoundness: soundness-benchmark generator and runner (issue 6). Work in progress.
