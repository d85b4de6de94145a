#pragma once
// Repetition counts of the randomized tests. Under ThreadSanitizer code runs 5 to 15 times slower,
// and what it checks (how threads interleave) needs each parallel path once, not many rounds.

namespace materia_test {

#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

/// `full` rounds, or `under_tsan` in a ThreadSanitizer build.
constexpr int rounds(int full, int under_tsan) {
  return kThreadSanitizer ? under_tsan : full;
}

}  // namespace materia_test
