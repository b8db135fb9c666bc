// StatusTask: an AsyncWorker that returns a Promise. Run() happens on a libuv worker thread and
// must not touch V8 (inputs are converted to C++ structs on the main thread before it is
// queued); Resolve() builds the result on the main thread; a failed Status rejects the promise
// with the same ArrowlineError a synchronous call would throw.
#pragma once

#include <cstdint>

#include "arrowline/status.h"
#include "binding/errors.h"
#include "binding/napi_setup.h"

namespace al {
namespace binding {

// Accumulator updates of at most this many column values (rows x columns) fold in place on the
// calling thread: a request's batch costs what its rows cost, not a trip to a worker thread and
// a copy of the state to commit.
constexpr int64_t kInPlaceUpdateValues = int64_t{1} << 16;

// The promise an asynchronous method returns when it did its work on the calling thread.
inline Napi::Promise ResolvedPromise(Napi::Env env) {
  Napi::Promise::Deferred done = Napi::Promise::Deferred::New(env);
  done.Resolve(env.Undefined());
  return done.Promise();
}

class StatusTask : public Napi::AsyncWorker {
 public:
  explicit StatusTask(Napi::Env env) : Napi::AsyncWorker(env, "arrowline"), deferred_(Napi::Promise::Deferred::New(env)) {}

  // Queues the task and returns its promise.
  Napi::Promise Start() {
    Napi::Promise promise = deferred_.Promise();
    Queue();
    return promise;
  }

 protected:
  virtual Status Run() = 0;
  virtual Napi::Value Resolve(Napi::Env env) = 0;
  // On the main thread when the task failed, before the promise rejects.
  virtual void Rejected() {}

 private:
  void Execute() override { status_ = Run(); }
  void OnOK() override {
    Napi::Env env = Env();
    if (!status_.ok()) {
      Rejected();
      deferred_.Reject(MakeError(env, status_).Value());
      return;
    }
    try {
      deferred_.Resolve(Resolve(env));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }
  void OnError(const Napi::Error& e) override {
    Rejected();
    deferred_.Reject(e.Value());
  }

  Napi::Promise::Deferred deferred_;
  Status status_;
};

}  // namespace binding
}  // namespace al
