// What one target's model says now, as gauges: pure functions of a const
// model (and the location slots the target has handed out), testable
// without a connection or HTTP.
#pragma once

#include <cstddef>
#include <string>

#include "exporter/locations.h"
#include "exporter/metric.h"
#include "model/model.h"

namespace exporter {

// tokio_console_tasks{app,location,state}: the tasks the console lists,
// completed ones while retention keeps them.
void write_task_states(const model::Model& m, const std::string& app, const LocationSlots& locations, Families& out);

// tokio_console_lint_tasks{app,lint}: the tasks each lint fires on now.
void write_lints(const model::Model& m, const std::string& app, Families& out);

// Gives the resources' locations their slots (before write_resources).
void assign_resource_locations(const model::Model& m, LocationSlots& locations);

// tokio_console_resources{app,kind,type}, live resources;
// tokio_console_resource_waiting_tasks{app,location,type}, the tasks
// waiting on them by the resource's location and type (model/waits.h);
// tokio_console_blocked_tasks{app}, the tasks idle on a resource other
// than a timer for `blocked_after` or longer.
void write_resources(const model::Model& m, model::Nanos now, model::Nanos blocked_after, const std::string& app,
                     const LocationSlots& locations, Families& out);

// --per-task: polls, busy and scheduled time of the `max_tasks` busiest
// tasks, labelled with their id, name and location.
void write_per_task(const model::Model& m, size_t max_tasks, const std::string& app, Families& out);

}  // namespace exporter
