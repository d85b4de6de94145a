#pragma once
// Repetition counts of the randomized tests. Under a sanitizer code runs 3 to 15 times slower, and
// what it checks (memory errors, how threads interleave) needs each code path a few times, not
// the many random cases that check the numbers: the Release run (scripts/test.sh) does that.

namespace materia_test {

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
inline constexpr bool kSanitizer = true;
#else
inline constexpr bool kSanitizer = false;
#endif
#else
inline constexpr bool kSanitizer = false;
#endif

/// `full` rounds, or `under_sanitizer` in an AddressSanitizer or ThreadSanitizer build.
constexpr int rounds(int full, int under_sanitizer) {
  return kSanitizer ? under_sanitizer : full;
}

}  // namespace materia_test
