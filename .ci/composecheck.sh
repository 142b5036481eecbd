#!/usr/bin/env bash
# .ci/composecheck.sh: validate docker-compose.yml (with .env.example) and the
# Dockerfile without a Docker engine, with compose-go, the loader of
# `docker compose` itself; see .ci/composecheck/main.go.
set -euo pipefail
cd "$(dirname "$0")/composecheck"
go test -count=1 ./...
go run . -compose ../../docker-compose.yml -env ../../.env.example -dockerfile ../../Dockerfile
