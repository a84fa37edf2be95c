#include "webmodule.h"

namespace stratus::web {

const char *moduleName()
{
    return "stratus.web";
}

} // namespace stratus::web
