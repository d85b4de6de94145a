#pragma once
/// \file unlisted_policy.hpp
/// Header-only: what a firm's silence about an issue means (a firm's field in a Dataset, a rank
/// table's per-firm column for the header-only kernels).

namespace materia {

/// What a firm's silence about an issue means.
enum class UnlistedPolicy {
  bottom,        ///< unlisted issues tie below everything the firm listed (default)
  not_assessed,  ///< no opinion: the firm is left out for that issue
};

}  // namespace materia
