# A thin wrapper: scripts/ install what is missing, meson does the build.

.PHONY: all deps build run test clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@scripts/build.sh build

run: build
	@scripts/run-demo.sh

test: deps
	@scripts/run-tests.sh

clean:
	rm -rf build build-san build-fuzz
