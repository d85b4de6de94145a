// materia taxonomy export NAME | show [NAME|FILE]: a built-in taxonomy as a file to extend, or
// any taxonomy as a readable listing.
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/run/names.hpp"

namespace materia::cli {

Taxonomy taxonomy_named(const std::string& name) {
  if (name.find('/') != std::string::npos || name.ends_with(".json"))
    return Taxonomy::from_json_text(read_file(name), name);
  return Taxonomy::builtin(name);
}

void add_taxonomy_command(CLI::App& app) {
  CLI::App* taxonomy =
      app.add_subcommand("taxonomy", "Export a built-in taxonomy to extend, or list a taxonomy");
  taxonomy->require_subcommand(1);

  struct ExportOptions {
    std::string name;
    Output output{"", Format::json};
  };
  auto exported = std::make_shared<ExportOptions>();
  CLI::App* export_command = taxonomy->add_subcommand(
      "export",
      "Write a taxonomy's JSON (docs/format.md, \"Taxonomy files\") to extend and use with "
      "--taxonomy FILE");
  export_command
      ->add_option(
          "name", exported->name,
          "A built-in taxonomy (" +
              [] {
                std::string names;
                for (const auto& name : Taxonomy::builtin_names())
                  names += (names.empty() ? "" : ", ") + name;
                return names;
              }() +
              ") or a taxonomy JSON file")
      ->required();
  export_command->add_option("-o,--output", exported->output.path,
                             "Write to this file (default: standard output)");
  export_command->callback([exported] {
    Taxonomy chosen = taxonomy_named(exported->name);
    if (chosen.is_open_vocabulary())
      throw_usage_error("taxonomy \"none\" is the open vocabulary: it has no issues to export");
    exported->output.print(chosen);
  });

  struct ShowOptions {
    std::string name = "fintech-2024";
    Output output{"", Format::table};
  };
  auto shown = std::make_shared<ShowOptions>();
  CLI::App* show_command = taxonomy->add_subcommand(
      "show", "List a taxonomy's issues and topics: ids, names, categories, alias counts");
  show_command->add_option("name", shown->name,
                           "A built-in taxonomy or a taxonomy JSON file (default fintech-2024)");
  add_output_options(*show_command, shown->output);
  show_command->callback([shown] { shown->output.print(taxonomy_named(shown->name)); });
}

}  // namespace materia::cli
