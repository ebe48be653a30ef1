# diplosim — the two commands of the README do all set-up:
#   make run    install missing packages, build, run the flagship scenario
#   make test   the same set-up, then every test
BUILD     ?= build
JOBS      ?= $(shell nproc)
PYTHON    := /usr/bin/python3
DIPLOSIM  := $(BUILD)/app/diplosim
FLAGSHIP  := scenarios/syria-2016-17.yaml
RESULTS   := results

.PHONY: all deps configure build run test notebooks bench clean

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

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Executes every notebook against fresh results; figures in $(BUILD)/notebooks/figures.
notebooks: build
	@$(PYTHON) scripts/run-notebooks --build $(BUILD)

bench: build
	@if [ -x $(BUILD)/bench/diplosim_bench ]; then $(BUILD)/bench/diplosim_bench; \
	 else echo "make bench: no benchmarks are built yet (see the performance issue)"; exit 1; fi

clean:
	rm -rf $(BUILD) $(RESULTS)
