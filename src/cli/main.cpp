// materia: command-line entry point. Exit codes: 0 success, 2 usage, 3 input, 4 internal.
#include <iostream>
#include <utility>

#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/runtime/process.hpp"
#include "materia/version.hpp"

int main(int argc, char** argv) {
  materia::set_up_process_for_one_command();
  CLI::App app{"materia — ESG materiality assessments turned into defensible numbers"};
  app.set_version_flag("--version", "materia " + materia::version_string());
  app.require_subcommand(1);
  materia::cli::add_analyze_command(app);
  materia::cli::add_normalize_command(app);
  materia::cli::add_taxonomy_command(app);
  materia::cli::add_breaks_command(app);
  materia::cli::add_agreement_command(app);
  materia::cli::add_explain_command(app);
  materia::cli::add_report_command(app);
  materia::cli::add_disclosure_command(app);
  materia::cli::add_score_command(app);
  materia::cli::add_assess_command(app);
  materia::cli::add_survey_command(app);
  materia::cli::add_compare_command(app);
  materia::cli::add_benchmark_command(app);
  materia::cli::add_extract_command(app);
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
