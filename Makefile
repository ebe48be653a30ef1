# diplosim — the two commands of the README do all set-up:
#   make run    install missing packages, build, run the flagship scenario
#   make test   the same set-up, then every test
BUILD     ?= build
JOBS      ?= $(shell nproc)
PYTHON    := /usr/bin/python3
DIPLOSIM  := $(BUILD)/app/diplosim
FLAGSHIP  := scenarios/syria-2016-17.yaml
RESULTS   := results

.PHONY: all deps configure build run test unit-tests sanitize fuzz notebooks bench clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@mkdir -p $(BUILD)
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE=$(PYTHON) > $(BUILD)/configure.log 2>&1 \
	  || (cat $(BUILD)/configure.log; exit 1)

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The flagship with 200 replicates; `make run` owns results/, so it replaces its own previous result.
run: build
	@mkdir -p $(RESULTS)
	$(DIPLOSIM) run $(FLAGSHIP) -o $(RESULTS)/syria-2016-17.h5 --replicates 200 --force
	@echo "Open it with: $(PYTHON) -c \"import xarray as xr; print(xr.open_dataset('$(RESULTS)/syria-2016-17.h5', engine='h5netcdf'))\""

# Every test: the suite, then the C++ tests under ASan + UBSan, then 60 s of
# fuzzing with the fuzzer that the same sanitizer build holds.
test: unit-tests sanitize
	@scripts/fuzz 60 build-asan

unit-tests: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The C++ tests built with AddressSanitizer + UndefinedBehaviorSanitizer (Debug:
# the step loop also asserts the state's invariants after every step). With
# clang the build also carries libFuzzer's coverage and the loader fuzzer.
sanitize: deps
	@mkdir -p build-asan
	@cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
	  -DDIPLOSIM_SANITIZE=ON -DDIPLOSIM_SCRIPT_TESTS=OFF \
	  -DDIPLOSIM_BENCH=OFF -DPython3_EXECUTABLE=$(PYTHON) > build-asan/configure.log 2>&1 || (cat build-asan/configure.log; exit 1)
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# Fuzz the scenario and sweep loaders: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 600
fuzz: deps
	@scripts/fuzz $(FUZZ_SECONDS)

# Executes every notebook against fresh results; figures in $(BUILD)/notebooks/figures.
notebooks: build
	@$(PYTHON) scripts/run-notebooks --build $(BUILD)

# Every figure beside its baseline, measured in the same run (about 5 minutes).
bench: build
	@$(PYTHON) bench/run_bench.py $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-fuzz.configure.log $(RESULTS)
