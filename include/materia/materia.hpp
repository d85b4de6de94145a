#pragma once
/// \file materia.hpp
/// Umbrella header of the C++ API: one header per pipeline stage.

#include "materia/aggregate.hpp"
#include "materia/analyze.hpp"
#include "materia/assess.hpp"
#include "materia/dataset.hpp"
#include "materia/disclosure.hpp"
#include "materia/error.hpp"
#include "materia/io.hpp"
#include "materia/normalize.hpp"
#include "materia/options.hpp"
#include "materia/output.hpp"
#include "materia/rank.hpp"
#include "materia/report.hpp"
#include "materia/result.hpp"
#include "materia/scoring.hpp"
#include "materia/survey.hpp"
#include "materia/taxonomy.hpp"
#include "materia/text.hpp"
#include "materia/tier.hpp"
#include "materia/version.hpp"
