# scopeplan: common tasks. `make test` is the test command CI runs.
GO        ?= go
BIN       ?= bin/scopeplan
FUZZTIME  ?= 10s
FUZZ_TOOLCHAIN ?= go1.27.3
STATICCHECK_VERSION ?= v0.8.2
ACTIONLINT_VERSION  ?= v1.7.12
GORELEASER_VERSION  ?= v2.15.1
GOBIN_DIR = $$($(GO) env GOPATH)/bin
# The embedded data's date, stamped into release binaries (.goreleaser.yaml).
DATA_DATE = $$(sed -n 's/^const Date = "\(.*\)"$$/\1/p' data/data.go)

.PHONY: build run test bench fuzz lint staticcheck actionlint generate goreleaser goreleaser-check release-check man

build:
	$(GO) build -o $(BIN) ./cmd/scopeplan

# The main job on the embedded data: the catalog's figures, then the
# least-privileged plan of an example app.
run: build
	./$(BIN) catalog stats
	@echo
	./$(BIN) plan examples/meeting-bot.yaml

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Every Go benchmark, then process start against a Go hello-world, side
# by side (scripts/benchstart: issue 14's targets, figures in the README).
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...
	$(GO) run ./scripts/benchstart

# Every fuzz target, FUZZTIME each (go test -fuzz takes one target at a time).
# Go 1.26's fuzz coordinator can fail a target with a bare "context deadline
# exceeded" (no failing input written) when -fuzztime ends while a worker is
# mid-call (go.dev/issue/75804, fixed in Go 1.27), so fuzzing runs under the
# FUZZ_TOOLCHAIN release, which the go command fetches from the module proxy
# once (about 76 MB). FUZZ_TOOLCHAIN=local fuzzes with the installed Go.
fuzz:
	@set -e; export GOTOOLCHAIN=$(FUZZ_TOOLCHAIN); $(GO) version; \
	for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

lint: staticcheck actionlint
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$$($(GO) env GOPATH)/bin/staticcheck ./...
	$(GOBIN_DIR)/actionlint .github/workflows/*.yml examples/github/*.yml

staticcheck:
	@test -x $$($(GO) env GOPATH)/bin/staticcheck || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

actionlint:
	@test -x $(GOBIN_DIR)/actionlint || $(GO) install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

goreleaser:
	@test -x $(GOBIN_DIR)/goreleaser || $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)

# What CI runs: the release configuration is valid.
goreleaser-check: goreleaser
	$(GOBIN_DIR)/goreleaser check

# The release configuration, then a snapshot build of every target into dist/.
release-check: goreleaser-check
	SCOPEPLAN_DATA_DATE=$(DATA_DATE) $(GOBIN_DIR)/goreleaser build --snapshot --clean

generate:
	$(GO) generate ./...

# Man pages of every command, generated from the commands themselves.
MANDIR ?= man
man: build
	./$(BIN) man $(MANDIR)
