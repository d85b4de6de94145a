#pragma once
// Internal: the composite importance of an analysis's issues, written into them and its Result.

#include <cstddef>
#include <vector>

#include "materia/matrix/matrix.hpp"
#include "materia/model/result.hpp"

namespace materia::detail {

// Composite importance (docs/method.md, step 5) over the top-K issues by attention, `order`
// being the issues' ranking: each issue's composite, the result's thresholds and cut, and a
// warning when the cut falls inside a group of equal attention.
void set_composite(std::vector<IssueResult>& issues, const std::vector<std::size_t>& order,
                   const MatrixOptions& options, Result& result);

}  // namespace materia::detail
