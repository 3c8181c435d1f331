// The check client; see dump.h.  Output lines:
//   update N: new_tasks=A task_stats=B new_resources=C resource_stats=D
//     poll_ops=E new_async_ops=F async_op_stats=G metadata=H dropped=T/R/A bytes=S
//   details N: task=ID poll_hist=BYTES sched_hist=BYTES bytes=S
//   state N: LIVE|PAUSED
//   status CODE: message      (when the call ends with an error)
#include "dump.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>
#include <memory>

#include "instrument.grpc.pb.h"
#include "util/text.h"

namespace peer {

namespace {

namespace pb = rs::tokio::console;

const char* code_name(grpc::StatusCode c) {
    switch (c) {
    case grpc::OK: return "OK";
    case grpc::CANCELLED: return "CANCELLED";
    case grpc::UNKNOWN: return "UNKNOWN";
    case grpc::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::NOT_FOUND: return "NOT_FOUND";
    case grpc::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::ABORTED: return "ABORTED";
    case grpc::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::INTERNAL: return "INTERNAL";
    case grpc::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::DATA_LOSS: return "DATA_LOSS";
    case grpc::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN";
    }
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Prints a remote string with control bytes escaped.
std::string printable(const std::string& s) {
    return util::escape_controls(s, util::Escape::HexBackslash);
}

using FieldNames = std::map<uint64_t, std::vector<std::string>>;

void print_update(uint64_t n, const pb::instrument::Update& u, bool list, FieldNames& names) {
    for (const auto& m : u.new_metadata().metadata())
        names[m.id().id()].assign(m.metadata().field_names().begin(), m.metadata().field_names().end());
    const auto& t = u.task_update();
    const auto& r = u.resource_update();
    const auto& a = u.async_op_update();
    std::printf("update %llu: new_tasks=%d task_stats=%zu new_resources=%d resource_stats=%zu "
                "poll_ops=%d new_async_ops=%d async_op_stats=%zu metadata=%d "
                "dropped=%llu/%llu/%llu bytes=%zu\n",
                (unsigned long long)n, t.new_tasks_size(), t.stats_update().size(), r.new_resources_size(),
                r.stats_update().size(), r.new_poll_ops_size(), a.new_async_ops_size(), a.stats_update().size(),
                u.new_metadata().metadata_size(), (unsigned long long)t.dropped_events(),
                (unsigned long long)r.dropped_events(), (unsigned long long)a.dropped_events(), u.ByteSizeLong());
    if (!list) return;
    for (const auto& task : t.new_tasks()) {
        std::string name;
        for (const auto& f : task.fields()) {
            std::string fname = f.str_name();
            if (f.has_name_idx()) {
                const auto& v = names[f.metadata_id().id()];
                fname = f.name_idx() < v.size() ? v[f.name_idx()] : "";
            }
            if (fname == "task.name") name = f.debug_val();
        }
        std::printf("  task %llu %s\n", (unsigned long long)task.id().id(), printable(name).c_str());
    }
    for (const auto& res : r.new_resources())
        std::printf("  resource %llu %s\n", (unsigned long long)res.id().id(), printable(res.concrete_type()).c_str());
    for (const auto& op : a.new_async_ops())
        std::printf("  async_op %llu %s\n", (unsigned long long)op.id().id(), printable(op.source()).c_str());
}

template <class Msg, class Print>
int drain(grpc::ClientContext& ctx, grpc::ClientReader<Msg>& reader, const DumpOptions& opt, Print print) {
    Msg msg;
    uint64_t n = 0;
    while (reader.Read(&msg)) {
        print(++n, msg);
        std::fflush(stdout);
        if (opt.count && n >= opt.count) {
            ctx.TryCancel();
            reader.Finish();
            return 0;
        }
    }
    grpc::Status st = reader.Finish();
    std::printf("status %s: %s\n", code_name(st.error_code()), st.error_message().c_str());
    return st.ok() && !opt.count ? 0 : 1;
}

}  // namespace

int run_dump(const DumpOptions& opt) {
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (!opt.tls_ca.empty()) {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = slurp(opt.tls_ca);
        if (!opt.tls_cert.empty()) {
            ssl.pem_cert_chain = slurp(opt.tls_cert);
            ssl.pem_private_key = slurp(opt.tls_key);
        }
        creds = grpc::SslCredentials(ssl);
    } else {
        creds = grpc::InsecureChannelCredentials();
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    auto channel = grpc::CreateCustomChannel(opt.address, creds, args);
    auto stub = pb::instrument::Instrument::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(static_cast<int64_t>(opt.timeout_s * 1000)));

    if (opt.rpc == "updates") {
        pb::instrument::InstrumentRequest req;
        FieldNames names;
        auto reader = stub->WatchUpdates(&ctx, req);
        return drain(ctx, *reader, opt,
                     [&](uint64_t n, const pb::instrument::Update& u) { print_update(n, u, opt.list, names); });
    }
    if (opt.rpc == "details") {
        pb::instrument::TaskDetailsRequest req;
        req.mutable_id()->set_id(opt.task);
        auto reader = stub->WatchTaskDetails(&ctx, req);
        return drain(ctx, *reader, opt, [](uint64_t n, const pb::tasks::TaskDetails& d) {
            std::printf("details %llu: task=%llu poll_hist=%zu sched_hist=%zu max=%llu bytes=%zu\n",
                        (unsigned long long)n, (unsigned long long)d.task_id().id(),
                        d.histogram().raw_histogram().size() + d.legacy_histogram().size(),
                        d.scheduled_times_histogram().raw_histogram().size(),
                        (unsigned long long)d.histogram().max_value(), d.ByteSizeLong());
        });
    }
    if (opt.rpc == "state") {
        pb::instrument::StateRequest req;
        auto reader = stub->WatchState(&ctx, req);
        return drain(ctx, *reader, opt, [](uint64_t n, const pb::instrument::State& s) {
            std::printf("state %llu: %s\n", (unsigned long long)n,
                        s.temporality() == pb::instrument::PAUSED ? "PAUSED" : "LIVE");
        });
    }
    if (opt.rpc == "pause" || opt.rpc == "resume") {
        grpc::Status st;
        if (opt.rpc == "pause") {
            pb::instrument::PauseResponse resp;
            st = stub->Pause(&ctx, pb::instrument::PauseRequest(), &resp);
        } else {
            pb::instrument::ResumeResponse resp;
            st = stub->Resume(&ctx, pb::instrument::ResumeRequest(), &resp);
        }
        std::printf("status %s: %s\n", code_name(st.error_code()), st.error_message().c_str());
        return st.ok() ? 0 : 1;
    }
    std::fprintf(stderr, "console-peer: unknown rpc '%s'\n", opt.rpc.c_str());
    return 2;
}

}  // namespace peer
