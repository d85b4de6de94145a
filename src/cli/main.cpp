// materia: command-line entry point. Exit codes: 0 success, 2 usage, 3 input, 4 internal.
#include <cstdio>
#include <iostream>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#endif
#include <map>
#include <utility>

#include "cli/commands.hpp"
#include "runtime/parallel.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/version.hpp"

namespace materia::cli {

void add_format_option(CLI::App& command, Format& format) {
  static const std::map<std::string, Format> formats = {
      {"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}};
  // CLI11's own message for a bad value lists the enum's integers; say what is accepted instead.
  command.add_option("--format", format, "Output format: table, json or csv")
      ->transform(CLI::Validator(
          [](std::string& value) {
            std::string key = CLI::detail::to_lower(value);
            auto it = formats.find(key);
            if (it == formats.end()) return "unknown format \"" + value + "\" (table, json or csv)";
            value = std::to_string(static_cast<int>(it->second));
            return std::string();
          },
          "table|json|csv"))
      ->default_str("table");
}

void emit(const std::string& content, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
  } else {
    write_file_atomic(path, content);
  }
}

}  // namespace materia::cli

namespace {

#ifdef __GLIBC__
// The worker threads allocate from arenas of their own: glibc maps each as a 64 MiB region aligned
// to its size (HEAP_MAX_SIZE on 64-bit), outside the heap advised below, so their memory came in
// 4 KiB pages (half of a 5,000-firm run's page faults once the normalizer was built on a thread
// of its own). Each worker of the pool, as it starts, takes its arena and asks for huge pages on
// the arena's region (the pool's threads live as long as the process: each keeps its own arena).
void advise_this_threads_arena() {
  constexpr std::uintptr_t kArena = std::uintptr_t{64} << 20;
  void* probe = std::malloc(64);
  if (!probe) return;
  const auto region = reinterpret_cast<std::uintptr_t>(probe) & ~(kArena - 1);
  if (region != (reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kArena - 1)))  // not the heap
    madvise(reinterpret_cast<void*>(region), kArena, MADV_HUGEPAGE);          // advice: may fail
  std::free(probe);
}
#endif

// One command, then exit: memory is set up for a batch process (docs/performance.md, "Market
// scale"). Page faults were a third of a market-scale run: by default glibc serves blocks over
// 128 KiB-32 MiB with mmap and returns freed heap to the kernel, and a run frees and reallocates
// hundreds of MB of transient buffers (the file, simdjson's tape, the rank tables' triplets);
// and every 4 KiB page of the heap is faulted in on its own.
void set_up_memory_for_one_command() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 256 << 20);  // keep large blocks on the heap...
  mallopt(M_TRIM_THRESHOLD, 1 << 30);    // ...and freed memory in the process
  mallopt(M_TOP_PAD, 64 << 20);
  // Grow the heap once by 192 MiB (address space only) and ask for transparent huge pages on it
  // (with THP in "madvise" mode, as Debian ships, nothing else gets them): 512 times fewer faults
  // on the first 192 MiB of data. Only when the block really is glibc's brk heap (a sanitizer's
  // or valgrind's allocator puts it elsewhere).
  constexpr std::size_t kReserve = std::size_t{192} << 20, kHuge = std::size_t{2} << 20;
  void* block = std::malloc(kReserve);
  if (!block) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(block) + kHuge - 1) & ~(kHuge - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kHuge - 1);
  if (end > begin && end - begin <= 2 * kReserve)
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: may fail
  std::free(block);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  set_up_memory_for_one_command();
  // The workers start now, each advising its malloc arena, and are parked by the time there is
  // work (runtime/parallel.hpp: a thread started when the work arrives can wait milliseconds).
#ifdef __GLIBC__
  materia::detail::WorkerPool::start(advise_this_threads_arena);
#else
  materia::detail::WorkerPool::instance();
#endif
  CLI::App app{"materia — ESG materiality assessments turned into defensible numbers"};
  app.set_version_flag("--version", "materia " + materia::version_string());
  app.require_subcommand(1);
  materia::cli::add_analyze_command(app);
  materia::cli::add_normalize_command(app);
  materia::cli::add_breaks_command(app);
  materia::cli::add_agreement_command(app);
  materia::cli::add_explain_command(app);
  materia::cli::add_report_command(app);
  materia::cli::add_disclosure_command(app);
  materia::cli::add_score_command(app);
  materia::cli::add_assess_command(app);
  materia::cli::add_survey_command(app);
  try {
    // "materia analyse x.json" would otherwise be told that "a subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
      std::string known;
      bool found = false;
      for (const CLI::App* sub :
           std::as_const(app).get_subcommands([](const CLI::App*) { return true; })) {
        known += (known.empty() ? "" : ", ") + sub->get_name();
        found = found || sub->check_name(argv[1]);
      }
      if (!found)
        throw materia::Error(materia::ErrorKind::usage,
                             "unknown command \"" + std::string(argv[1]) + "\" (" + known + ")");
    }
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e
        .get_exit_code();  // a verb's own non-error status (disclosure --check: 1 = differences)
  } catch (const CLI::ParseError& e) {
    std::cerr << "materia: error: " << e.what() << " (see materia --help)\n";
    return static_cast<int>(materia::ErrorKind::usage);
  } catch (const materia::Error& e) {
    std::cerr << "materia: error: " << e.what() << "\n";
    return static_cast<int>(e.kind());
  } catch (const std::bad_alloc&) {
    std::cerr << "materia: error: out of memory\n";
    return static_cast<int>(materia::ErrorKind::internal);
  } catch (const std::exception& e) {
    std::cerr << "materia: internal error: " << e.what() << "\n";
    return static_cast<int>(materia::ErrorKind::internal);
  }
  return 0;
}
