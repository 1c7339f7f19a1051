#!/usr/bin/env bash
# Set up (first time only) and open PartnerDesk. Add --demo to try it with made-up people.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh run
exec .venv/bin/partnerdesk "$@"
