// The shape of an analysis: the template every question of banenmonitor
// follows (count, quotum, scenario, projection, job quality, the report), and
// the one to copy for a new one.
//
//   struct XRequest { int year; ... };        // what the user asks, nothing about files
//   struct XTable { ... };                    // one result table; every face renders it
//
//   // The months (and files) X reads. The caller adds skip_invalid and loads
//   // the delivery or snapshot with it (LoadDelivery, Workspace::Load).
//   LoadOptions XLoadOptions(const XRequest& request);
//
//   // Computes X. Resolves the legal parameters of the request's year from
//   // `parameters` itself (no caller picks parameters by year).
//   // REQUIRES: `delivery` holds at least the months of XLoadOptions(request).
//   // Fails (Result) for what the data or the parameters cannot give.
//   Result<XTable> X(const Delivery& delivery, const XRequest& request, const ParameterSet& parameters);
//
// The analyses (each header says its rules and their articles):
//
//   count.h        CountLoadOptions       CountJobs            RealisationTable
//                                         DiffCounts           CountDiff
//   year_on_year.h YearOnYearLoadOptions  CompareWithPreviousYear YearOnYearTable
//   quotum.h       QuotumLoadOptions      ComputeQuotum        QuotumTable
//   scenario.h     ScenarioLoadOptions    RunScenario          ScenarioResult
//   projection.h   ProjectionLoadOptions  Project              ProjectionTable
//   job_quality.h  QualityLoadOptions     JobQuality           QualityTable
//   trend.h        TrendLoadOptions       Trend                TrendTable
//   (src/report/progress_report.h: ProgressReportLoadOptions, BuildProgressReport)
//
// Where a new one goes: its header here, its code in src/analysis/ (it uses
// src/count/, never files, SQL or HTTP), its faces in src/report/ (table, CSV,
// JSON), its command in src/cli/ (one file, no domain logic), its route in
// src/web/api.cc, its rules as text cases in tests/cases/ (src/README.md).
#pragma once

#include "banenmonitor/count.h"
#include "banenmonitor/delivery.h"
#include "banenmonitor/job_quality.h"
#include "banenmonitor/params.h"
#include "banenmonitor/projection.h"
#include "banenmonitor/quotum.h"
#include "banenmonitor/scenario.h"
#include "banenmonitor/status.h"
#include "banenmonitor/trend.h"
#include "banenmonitor/year_on_year.h"
