#!/usr/bin/env bash
# Stops what scripts/fleet/start.sh started, by the pids it wrote (nothing else).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/fleet/common.sh
for name in haproxy app1 app2 worker beat1 beat2 s3 redis; do stop_one "$name"; done
echo "fleet: stopped"
