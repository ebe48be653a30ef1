#include "sim/decision_model.h"

namespace diplosim {

double DecisionModel::AttendProbability(int, const StepContext&, const char*) const { return 1.0; }

}  // namespace diplosim
