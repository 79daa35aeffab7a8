// The number formats of every face (common/number_format.h) under the names the
// report layer and the faces above it call them by (report::Dutch, ...).
#pragma once

#include "common/number_format.h"

namespace banenmonitor::report {

using banenmonitor::Dutch;
using banenmonitor::DutchFromFixed;
using banenmonitor::DutchInt;
using banenmonitor::DutchOrEmpty;
using banenmonitor::Fixed;
using banenmonitor::FixedHours;
using banenmonitor::FixedRatio;

}  // namespace banenmonitor::report
