#include <cmath>
#include <cstdio>
#include <iostream>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/stale_files.h"
#include "app/usage_error.h"
#include "output/damage_probe.h"
#include "output/output_error.h"
#include "output/sweep_file.h"
#include "output/terminal_text.h"
#include "scenarios/number_text.h"
#include "sim/sampling/sobol_indices.h"

namespace diplosim {

namespace {

// Replicate noise is variance no parameter explains; a user reading a total
// index of 0.5 needs to know when 0.4 of it is noise.
void PrintNoiseShare(double share, int replicates) {
  if (replicates < 2) {
    std::printf("  replicate noise: unknown (one replicate per point); total indices include it\n");
    return;
  }
  std::printf("  replicate noise: %.0f %% of the variance (sd² / %d replicates per point)\n", 100 * share, replicates);
  // Below a tenth the shift is within the usual bootstrap intervals: the share alone says enough.
  if (!(share >= 0.1)) return;
  // An estimate near or past 1 (sampling error) says the spread between points is noise through and through.
  if (share >= 0.9) {
    std::printf(
        "  the spread between points is replicate noise: no parameter's effect stands out of it;\n"
        "  more replicates per point would show any there is\n");
    return;
  }
  std::printf("  so a total index reads about %.2f + %.2f × its noise-free value, a first-order one %.2f × it;\n",
              share, 1.0 - share, 1.0 - share);
  // Noise variance falls as 1/replicates: η' = 0.1 needs replicates × 9η / (1 − η).
  std::printf("  about %.0f replicates per point would bring it to 10 %%\n",
              std::ceil(replicates * 9.0 * share / (1.0 - share)));
}

}  // namespace

int AnalyzeCommand(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>(), "sweep file")(
      "bootstrap", po::value<int>()->default_value(1000), "bootstrap resamples for the confidence intervals")(
      "confidence", po::value<double>()->default_value(0.95, "0.95"), "confidence level of the intervals")(
      "no-store", "print the table without storing it in the file");
  po::positional_options_description positional;
  positional.add("file", 1);
  const std::optional<po::variables_map> parsed = ParseCommandLineOrShowHelp(
      args, options, positional,
      "Usage: diplosim analyze FILE\n\nFirst-order and total Sobol indices of each outcome (its mean over\n"
      "replicates) with bootstrap confidence intervals, from a sweep run with `sampler: {method: sobol}`.\n"
      "Prints a table and stores it in the file (sobol_first, sobol_total, …).\n\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("file")) throw UsageError("analyze: missing FILE; expected 'diplosim analyze FILE'");
  const int resamples = vm["bootstrap"].as<int>();
  const double confidence = vm["confidence"].as<double>();
  // Each resample costs a pass over the design; past this it runs for hours with
  // intervals no steadier than at 10,000.
  constexpr int kMaxResamples = 100'000;
  if (resamples < 0 || resamples > kMaxResamples)
    throw UsageError("analyze: --bootstrap = " + std::to_string(resamples) + "; expected 0 to " +
                     std::to_string(kMaxResamples) + " (1,000 to 10,000 give steady 95 % intervals)");
  if (!(confidence > 0.0 && confidence < 1.0)) {
    std::string got = vm["confidence"].defaulted() ? "" : "; got " + ShortNumber(confidence);
    if (confidence >= 50.0 && confidence < 100.0)
      got += " (for " + ShortNumber(confidence) + " %, give " + ShortNumber(confidence / 100.0) + ")";
    throw UsageError("analyze: --confidence must be in (0, 1)" + got);
  }
  const std::string path = vm["file"].as<std::string>();

  std::vector<PointResult> rows;
  SweepFileInfo info;
  try {
    ProbeForDamage(path, [&path] { ReadSweepFile(path, [](const PointResult&) {}); });
    info = ReadSweepFile(path, [&](const PointResult& r) { rows.push_back(r); });
  } catch (const OutputError& e) {
    PrintError(e);
    return kExitBadInput;
  }
  const int k = static_cast<int>(info.parameters.size()), N = info.saltelli_base;
  if (info.kind == "sweep-shard") {
    std::cerr << "diplosim: error: '" << path << "' is shard " << info.shard_index << " of " << info.shard_count
              << "; expected the whole sweep: join the shards first (diplosim merge SHARD... -o FILE), then analyze "
                 "the merged file\n";
    return kExitBadInput;
  }
  if (info.kind != "sweep" || N <= 0 || static_cast<int>(rows.size()) != N * (k + 2)) {
    std::cerr << "diplosim: error: '" << path << "' is not a complete sobol sweep (sampler '"
              << TerminalText(info.sampler) << "'); Sobol indices need a sweep run with sampler: {method: sobol}"
              << (info.kind == "sweep" && info.sampler != "sobol"
                      ? ". For this design, rank correlations of each parameter with each outcome are a first look: "
                        "diplosim.rank_correlations(path) in Python (docs/sweeps.md)"
                      : "")
              << "\n";
    return kExitBadInput;
  }
  std::vector<int> row_of(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) row_of[rows[i].point] = static_cast<int>(i);

  SensitivityTable table;
  table.resamples = resamples;
  table.confidence = confidence;
  std::vector<Eigen::RowVectorXd> first, first_low, first_high, total, total_low, total_high;
  std::vector<double> noise_share;
  char line[256];
  if (resamples == 0)
    std::printf("Sobol indices of %s (%d base samples × %d parameters; no bootstrap, so no intervals: stored as NaN)\n",
                TerminalText(path).c_str(), N, k);
  else
    std::printf("Sobol indices of %s (%d base samples × %d parameters, %d bootstrap resamples, %.0f %% intervals)\n",
                TerminalText(path).c_str(), N, k, resamples, 100 * confidence);
  for (std::size_t o = 0; o < info.outcomes.size(); ++o) {
    const std::string outcome = TerminalText(info.outcomes[o]);  // names from the file, which anyone may have written
    Eigen::VectorXd f(N * (k + 2)), sd(N * (k + 2));
    bool complete = true;
    for (int p = 0; p < N * (k + 2); ++p) {
      const PointResult& r = rows[row_of[p]];
      f(p) = r.summary(static_cast<int>(o), 0);
      sd(p) = r.summary(static_cast<int>(o), 1);
      complete = complete && !r.failed && std::isfinite(f(p));
    }
    if (!complete) {
      std::printf("\n%s: skipped — some points failed; indices need every point\n", outcome.c_str());
      continue;
    }
    Eigen::MatrixXd fAB(N, k);
    for (int i = 0; i < k; ++i) fAB.col(i) = f.segment((2 + i) * N, N);
    const SobolIndices idx = EstimateSobol(f.head(N), f.segment(N, N), fAB, resamples, confidence, info.seed);
    table.outcomes.push_back(info.outcomes[o]);
    first.push_back(idx.first.transpose());
    first_low.push_back(idx.first_low.transpose());
    first_high.push_back(idx.first_high.transpose());
    total.push_back(idx.total.transpose());
    total_low.push_back(idx.total_low.transpose());
    total_high.push_back(idx.total_high.transpose());
    const double noise = ReplicateNoiseShare(f.head(2 * N), sd.head(2 * N), info.replicates);  // the A and B rows
    noise_share.push_back(noise);
    if (!std::isfinite(idx.first(0))) {
      // The indices are shares of the variance over samples A and B; other points may still vary.
      const Eigen::Index differing = (f.tail(N * k).array() != f(0)).count();
      if (differing == 0)
        std::printf(
            "\n%s: the same value (%g) at every point; no variance to apportion, indices undefined (stored as NaN)\n",
            outcome.c_str(), f(0));
      else
        std::printf(
            "\n%s: the same value (%g) at all %d points of samples A and B, whose variance the indices are shares "
            "of; indices undefined (stored as NaN). %ld of the other %d points differ: more base samples "
            "(sampler.points) may show the variance\n",
            outcome.c_str(), f(0), 2 * N, static_cast<long>(differing), N * k);
      continue;
    }
    std::printf("\n%s\n  %-44s %22s %22s\n", outcome.c_str(), "parameter", "first-order S_i", "total S_Ti");
    for (int i = 0; i < k; ++i) {
      if (resamples == 0)  // no intervals to show: not a zero-width one around each estimate
        std::snprintf(line, sizeof line, "  %-44s %6.3f %15s %6.3f\n", TerminalText(info.parameters[i]).c_str(),
                      idx.first(i), "", idx.total(i));
      else
        std::snprintf(line, sizeof line, "  %-44s %6.3f [%6.3f, %6.3f] %6.3f [%6.3f, %6.3f]\n",
                      TerminalText(info.parameters[i]).c_str(), idx.first(i), idx.first_low(i), idx.first_high(i),
                      idx.total(i), idx.total_low(i), idx.total_high(i));
      std::fputs(line, stdout);
    }
    PrintNoiseShare(noise, info.replicates);
  }
  auto stack = [&](const std::vector<Eigen::RowVectorXd>& v) {
    Eigen::MatrixXd m(static_cast<int>(v.size()), k);
    for (std::size_t r = 0; r < v.size(); ++r) m.row(static_cast<int>(r)) = v[r];
    return m;
  };
  table.first = stack(first);
  table.first_low = stack(first_low);
  table.first_high = stack(first_high);
  table.total = stack(total);
  table.total_low = stack(total_low);
  table.total_high = stack(total_high);
  table.noise_share = Eigen::Map<const Eigen::VectorXd>(noise_share.data(), static_cast<int>(noise_share.size()));
  if (!vm.count("no-store")) {
    CleanStaleTemporaries(path);  // the copy a killed analyze left
    StoreSensitivity(path, table);
    std::printf("\nStored in %s (sobol_first, sobol_total, their _low/_high bounds, sobol_noise_share).\n",
                path.c_str());
  }
  return kExitOk;
}

}  // namespace diplosim
