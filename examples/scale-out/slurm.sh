#!/bin/bash
# Slurm array job: one task per shard. Submit with
#   jid=$(sbatch --parsable --array=1-16 examples/scale-out/slurm.sh suite.yaml)
#   sbatch --dependency=afterok:$jid --wrap \
#     "vernier suite merge results/part-*.json --out results/merged.json"
# SLURM_ARRAY_TASK_ID runs from 1 to 16 here, which is exactly vernier's 1-based k.
#SBATCH --job-name=vernier-suite
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
#SBATCH --output=logs/vernier-%A_%a.out
set -euo pipefail

SUITE=${1:?usage: slurm.sh SUITE.yaml}
N=${SLURM_ARRAY_TASK_COUNT:?run as an array job}
K=${SLURM_ARRAY_TASK_ID}
mkdir -p results

# --jobs matches the cores Slurm gave this task; progress output is off (not a terminal).
vernier suite run "$SUITE" --shard "$K/$N" --jobs "${SLURM_CPUS_PER_TASK:-1}" \
  --out "results/part-$K.json"
