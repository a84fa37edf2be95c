#include "searchrecord.h"

namespace stratus::core::search {

SearchRecord::~SearchRecord() = default;

} // namespace stratus::core::search
