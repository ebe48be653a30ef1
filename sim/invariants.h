#pragma once

#include <string>

namespace diplosim {

struct State;

// The state's invariants (docs/model.md): positions, anchors, susceptibility,
// dependency and L in [0, 1]; salience rows summing to 1; affinity in [−1, 1]
// with a unit diagonal; hostility ≥ 0, symmetric, zero diagonal; influence rows
// summing to 1 with entries ≥ 0; support, deference, activity and capability
// ≥ 0; everything finite. Returns a description of the first violation, or ""
// if there is none. Tests call it on random states; debug builds assert it
// after every step.
std::string CheckInvariants(const State& state, double tolerance = 1e-9);

}  // namespace diplosim
