# scopeplan: common tasks. `make test` is the test command CI runs.
GO        ?= go
BIN       ?= bin/scopeplan
FUZZTIME  ?= 10s
STATICCHECK_VERSION ?= v0.8.2

.PHONY: build run test bench fuzz lint staticcheck generate man

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

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Every fuzz target, FUZZTIME each (go test -fuzz takes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

lint: staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$$($(GO) env GOPATH)/bin/staticcheck ./...

staticcheck:
	@test -x $$($(GO) env GOPATH)/bin/staticcheck || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

generate:
	$(GO) generate ./...

# Man pages of every command, generated from the commands themselves.
MANDIR ?= man
man: build
	./$(BIN) man $(MANDIR)
