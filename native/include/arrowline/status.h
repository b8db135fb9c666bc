// al::Status and al::Result<T>: how every native function reports failure. No C++ exceptions
// cross the core or the .cu files; the binding maps a StatusCode to a JS ArrowlineError code.
#pragma once

#include <string>
#include <utility>

namespace al {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,    // malformed input: bad lengths, offsets, corrupt state bytes
  kTypeMismatch = 2,       // a column's type differs from what the operation expects
  kNotImplemented = 3,     // a type or option the kernel does not support
  kOutOfMemory = 4,
  kCudaError = 5,          // a CUDA runtime call failed
  kDeviceUnavailable = 6,  // the GPU was asked for and none is usable
  kSerialization = 7,      // serialized state of the wrong magic or version
  kInternal = 8,
};

const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status Invalid(std::string m) { return Status(StatusCode::kInvalidArgument, std::move(m)); }
  static Status TypeMismatch(std::string m) { return Status(StatusCode::kTypeMismatch, std::move(m)); }
  static Status NotImplemented(std::string m) { return Status(StatusCode::kNotImplemented, std::move(m)); }
  static Status OutOfMemory(std::string m) { return Status(StatusCode::kOutOfMemory, std::move(m)); }
  static Status CudaError(std::string m) { return Status(StatusCode::kCudaError, std::move(m)); }
  static Status DeviceUnavailable(std::string m) { return Status(StatusCode::kDeviceUnavailable, std::move(m)); }
  static Status Serialization(std::string m) { return Status(StatusCode::kSerialization, std::move(m)); }
  static Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return std::string(StatusCodeName(code_)) + ": " + message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  Result(Status status) : status_(std::move(status)) {}  // NOLINT(runtime/explicit)
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return value_; }
  const T& value() const { return value_; }
  T MoveValue() { return std::move(value_); }

 private:
  Status status_;
  T value_{};
};

}  // namespace al

#define AL_CONCAT_INNER(a, b) a##b
#define AL_CONCAT(a, b) AL_CONCAT_INNER(a, b)

#define AL_RETURN_NOT_OK(expr)              \
  do {                                      \
    ::al::Status _al_st = (expr);           \
    if (!_al_st.ok()) return _al_st;        \
  } while (false)

#define AL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = tmp.MoveValue();

#define AL_ASSIGN_OR_RETURN(lhs, expr) AL_ASSIGN_OR_RETURN_IMPL(AL_CONCAT(_al_res_, __LINE__), lhs, expr)
