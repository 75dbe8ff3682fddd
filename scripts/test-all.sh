#!/usr/bin/env bash
# Runs every test suite (unit + golden + executor via Vitest, end-to-end via Playwright against the
# built site) and ends with one plain line "N passed, N failed" totalling them all, which CI reads.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json

npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
unit_rc=$?

# The test build: the site plus the /dev test pages Playwright drives (the production build has none).
npm run -s build:test >/dev/null || { echo "site build failed"; echo "0 passed, 1 failed"; exit 1; }
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
e2e_rc=$?

node scripts/sum-results.mjs test-results/vitest.json test-results/playwright.json
sum_rc=$?
[ $unit_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $sum_rc -eq 0 ]
