# syntax=docker/dockerfile:1
# actorgraph: a static binary on distroless, running as non-root.
#
#   docker build -t actorgraph .
#   docker run --rm -p 8080:8080 actorgraph            # embedded store, seed graph
#   docker compose up                                  # on Neo4j (docker-compose.yml)

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/actorgraph ./cmd/actorgraph \
	&& mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/actorgraph /usr/local/bin/actorgraph
# The embedded store's directory, owned by the nonroot user (65532).
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV ACTORGRAPH_LISTEN=:8080 \
	ACTORGRAPH_DATA_DIR=/data \
	ACTORGRAPH_LOG_FORMAT=json
VOLUME /data
EXPOSE 8080
# The image has no shell or wget: the binary probes itself (GET /readyz).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
	CMD ["/usr/local/bin/actorgraph", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/actorgraph"]
CMD ["serve"]
