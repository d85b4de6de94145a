#pragma once
/// \file process.hpp
/// Setting up a process that runs one command and exits, as the CLI does. A library caller (the
/// C API, Python) keeps the allocator's defaults and starts the worker pool at first use instead.

namespace materia {

/// Tunes the allocator for one batch run (large blocks and freed memory kept in the process,
/// transparent huge pages asked for on the heap and on each worker's arena, where glibc and the
/// kernel allow) and starts the worker pool, so its threads are parked before there is work.
/// Call once, first thing in main(), before any other thread starts. Results do not depend on it.
void set_up_process_for_one_command();

}  // namespace materia
