#include "banenmonitor/status.h"

namespace banenmonitor {

int Status::exit_code() const {
  switch (code_) {
    case Code::kOk: return 0;
    case Code::kInvalidInput: return 2;
    case Code::kUsage: return 64;
    default: return 1;
  }
}

}  // namespace banenmonitor
