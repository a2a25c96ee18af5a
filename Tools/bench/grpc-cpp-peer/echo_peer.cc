// simpeg-bench-grpc-cpp: the second gRPC peer of Tools/bench/rpc/run, on gRPC's C core through
// its C++ API (Debian's libgrpc++), served and called the way gRPC's authors recommend for new
// code: the callback API, with gRPC's own threads.
//
//   simpeg-bench-grpc-cpp serve
//       serve simpeg.echo.v1.EchoService/Get (the same messages as simpeg's and grpc-swift-2's
//       sides: the request's text and payload back) on a free loopback port; print the port on
//       stdout; serve until stdin closes
//   simpeg-bench-grpc-cpp drive --port P [--seconds S] [--concurrency 1,16,64,256]
//                         [--connections 1,4] [--payload 64] [--tsv]
//       closed loops of N callers over C channels (one connection each), 0.5 s warm-up then S
//       seconds per cell; one row per cell as SimpegBenchKit's BenchOptions prints it
//
// Built by Tools/bench/rpc/run with g++ against the generated echo.pb.cc and echo.grpc.pb.cc.

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "simpeg/echo/v1/echo.grpc.pb.h"

using simpeg::echo::v1::EchoRequest;
using simpeg::echo::v1::EchoResponse;
using simpeg::echo::v1::EchoService;
using Clock = std::chrono::steady_clock;

namespace {

// The in-memory handler: what SimpegEcho's EchoHandler.get does (delay_millis is not used by
// the benchmark).
class EchoHandler final : public EchoService::CallbackService {
  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* context, const EchoRequest* request,
                                EchoResponse* response) override {
    response->set_text(request->text());
    response->set_payload(request->payload());
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

int Serve() {
  EchoHandler handler;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&handler);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    std::fprintf(stderr, "could not start the gRPC C++ server\n");
    return 1;
  }
  std::printf("%d\n", port);
  std::fflush(stdout);
  // Serve until the parent closes our stdin (this thread is ours; gRPC serves on its own).
  char buffer[512];
  while (true) {
    ssize_t count = read(0, buffer, sizeof buffer);
    if (count > 0 || (count < 0 && errno == EINTR)) continue;
    break;
  }
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  return 0;
}

struct Options {
  int port = 0;
  double seconds = 3.0;
  std::vector<int> concurrency{1, 16, 64, 256};
  std::vector<int> connections{1, 4};
  int payload = 64;
  bool tsv = false;
};

std::vector<int> List(const std::string& text) {
  std::vector<int> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (!item.empty()) values.push_back(std::atoi(item.c_str()));
  }
  return values;
}

// One cell: `concurrency` callers, each making one call after another on the channel it was
// given, until the end of the measured time or the call budget.
class Cell {
 public:
  Cell(std::vector<std::unique_ptr<EchoService::Stub>>& stubs, const EchoRequest& request, int concurrency,
       Clock::time_point warmup_end, Clock::time_point end)
      : stubs_(stubs), request_(request), warmup_end_(warmup_end), end_(end), callers_(concurrency) {}

  void Run() {
    for (size_t index = 0; index < callers_.size(); ++index) Start(index);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return finished_ == callers_.size(); });
  }

  uint64_t calls() const { return calls_; }
  uint64_t errors() const { return errors_; }
  // Latency at `percentile` in microseconds, nearest rank.
  uint64_t Micros(double percentile) {
    if (latencies_.empty()) return 0;
    size_t rank = static_cast<size_t>(std::ceil(percentile / 100.0 * latencies_.size()));
    rank = std::min(latencies_.size(), std::max<size_t>(1, rank)) - 1;
    std::nth_element(latencies_.begin(), latencies_.begin() + rank, latencies_.end());
    return latencies_[rank];
  }

 private:
  struct Caller {
    std::unique_ptr<grpc::ClientContext> context;
    EchoResponse response;
    Clock::time_point started;
    std::vector<uint32_t> latencies;
    uint64_t calls = 0;
    uint64_t errors = 0;
  };

  void Start(size_t index) {
    Caller& caller = callers_[index];
    caller.started = Clock::now();
    if (caller.started >= end_ || budget_.fetch_sub(1, std::memory_order_relaxed) <= 0) {
      Finish(caller);
      return;
    }
    caller.context = std::make_unique<grpc::ClientContext>();
    caller.response.Clear();
    stubs_[index % stubs_.size()]->async()->Get(caller.context.get(), &request_, &caller.response,
                                                 [this, index](grpc::Status status) { Done(index, status); });
  }

  void Done(size_t index, const grpc::Status& status) {
    Caller& caller = callers_[index];
    Clock::time_point now = Clock::now();
    if (caller.started >= warmup_end_) {
      if (status.ok()) {
        caller.calls += 1;
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - caller.started).count();
        caller.latencies.push_back(static_cast<uint32_t>(micros));
      } else {
        caller.errors += 1;
      }
    } else {
      budget_.fetch_add(1, std::memory_order_relaxed);  // warm-up calls do not spend the budget
    }
    Start(index);
  }

  void Finish(Caller& caller) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_ += caller.calls;
    errors_ += caller.errors;
    latencies_.insert(latencies_.end(), caller.latencies.begin(), caller.latencies.end());
    finished_ += 1;
    if (finished_ == callers_.size()) done_.notify_all();
  }

  std::vector<std::unique_ptr<EchoService::Stub>>& stubs_;
  const EchoRequest& request_;
  Clock::time_point warmup_end_;
  Clock::time_point end_;
  std::vector<Caller> callers_;
  std::atomic<int64_t> budget_{50000000};
  std::mutex mutex_;
  std::condition_variable done_;
  size_t finished_ = 0;
  uint64_t calls_ = 0;
  uint64_t errors_ = 0;
  std::vector<uint32_t> latencies_;
};

int Drive(const Options& options) {
  EchoRequest request;
  request.set_text("kinerja");
  request.set_payload(std::string(options.payload, 'A'));
  if (!options.tsv) {
    std::printf("gRPC C++ (C core, callback API), unary echo, %d-byte payload, %.1f s per cell\n", options.payload,
                options.seconds);
    std::printf("connections  concurrency      calls/s     p50 us     p99 us   errors\n");
  }
  for (int connections : options.connections) {
    for (int concurrency : options.concurrency) {
      std::vector<std::unique_ptr<EchoService::Stub>> stubs;
      for (int index = 0; index < connections; ++index) {
        grpc::ChannelArguments arguments;
        // A channel of its own for each connection: no subchannel shared with the others.
        arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        arguments.SetInt("simpeg.bench.channel", index);
        auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(options.port),
                                                 grpc::InsecureChannelCredentials(), arguments);
        stubs.push_back(EchoService::NewStub(channel));
        // Open the connection before measuring.
        grpc::ClientContext context;
        EchoResponse response;
        grpc::Status status = stubs.back()->Get(&context, request, &response);
        if (!status.ok()) {
          std::fprintf(stderr, "the first call failed: %s\n", status.error_message().c_str());
          return 1;
        }
      }
      Clock::time_point warmup_end = Clock::now() + std::chrono::milliseconds(500);
      Clock::time_point end = warmup_end + std::chrono::milliseconds(static_cast<int>(options.seconds * 1000));
      Cell cell(stubs, request, concurrency, warmup_end, end);
      cell.Run();
      double elapsed = std::chrono::duration<double>(std::min(Clock::now(), end) - warmup_end).count();
      double rate = cell.calls() / elapsed;
      std::printf(options.tsv ? "%d\t%d\t%.0f\t%llu\t%llu\t%llu\n" : "%11d  %11d  %11.0f  %9llu  %9llu  %7llu\n",
                  connections, concurrency, rate, static_cast<unsigned long long>(cell.Micros(50)),
                  static_cast<unsigned long long>(cell.Micros(99)), static_cast<unsigned long long>(cell.errors()));
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "serve") return Serve();
  if (command != "drive") {
    std::fprintf(stderr, "usage: %s serve | drive --port P [...]\n", argv[0]);
    return 2;
  }
  Options options;
  for (int index = 2; index < argc; ++index) {
    std::string argument = argv[index];
    if (argument == "--tsv") {
      options.tsv = true;
      continue;
    }
    std::string value = index + 1 < argc ? argv[++index] : "";
    if (argument == "--port") {
      options.port = std::atoi(value.c_str());
    } else if (argument == "--seconds") {
      options.seconds = std::atof(value.c_str());
    } else if (argument == "--concurrency") {
      options.concurrency = List(value);
    } else if (argument == "--connections") {
      options.connections = List(value);
    } else if (argument == "--payload") {
      options.payload = std::atoi(value.c_str());
    } else {
      std::fprintf(stderr, "unknown option %s\n", argument.c_str());
      return 2;
    }
  }
  if (options.port == 0) {
    std::fprintf(stderr, "drive needs --port\n");
    return 2;
  }
  return Drive(options);
}
