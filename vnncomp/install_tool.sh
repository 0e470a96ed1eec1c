#!/usr/bin/env bash
# VNN-COMP interface: install_tool.sh v1 — installs system packages and builds Vernier (release).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product vernier
