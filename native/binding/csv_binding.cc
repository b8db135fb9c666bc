// The CSV reader: csvScan(bytes, options, request, types?) and csvScanSync(...). Without
// `types` it infers (header, column count, per-column type masks); with `types` (CsvType
// numbers, one per column) it converts into owned Arrow buffers, one block per parse block.
// src/io/csv.ts drives it: whole files for readTable, bounded chunks for readBatches.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "binding/async_task.h"
#include "binding/entry_points.h"
#include "binding/errors.h"
#include "binding/owned_column_js.h"
#include "kernels/csv/csv_reader.h"
#include "kernels/io/read_file.h"

namespace al {
namespace binding {
namespace {

uint8_t OneByte(Napi::Env env, Napi::Object o, const char* key, uint8_t fallback, bool* present = nullptr) {
  Napi::Value v = o.Get(key);
  if (present) *present = !(v.IsUndefined() || v.IsNull());
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsString()) ThrowInvalid(env, std::string("csv option ") + key + " must be a one-character string");
  const std::string s = v.As<Napi::String>().Utf8Value();
  if (s.size() != 1) ThrowInvalid(env, std::string("csv option ") + key + " must be one ASCII character, got '" + s + "'");
  return static_cast<uint8_t>(s[0]);
}

bool Flag(Napi::Object o, const char* key) {
  Napi::Value v = o.Get(key);
  return v.IsBoolean() && v.As<Napi::Boolean>().Value();
}

double Number(Napi::Env env, Napi::Object o, const char* key, double fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsNumber()) ThrowInvalid(env, std::string("csv ") + key + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

std::vector<std::string> Strings(Napi::Env env, Napi::Object o, const char* key) {
  std::vector<std::string> out;
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return out;
  if (!v.IsArray()) ThrowInvalid(env, std::string("csv ") + key + " must be an array of strings");
  Napi::Array a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value s = a.Get(i);
    if (!s.IsString()) ThrowInvalid(env, std::string("csv ") + key + "[] must be strings");
    out.push_back(s.As<Napi::String>().Utf8Value());
  }
  return out;
}

struct ScanJob {
  CsvOptions options;
  CsvRequest request;
  bool convert = false;
  bool read = false;  // CsvRead: inference and conversion in one pass
  std::vector<CsvType> types;
  CsvResult result;
  Napi::ObjectReference keep;  // the bytes, alive until the job ends
};

void ParseJob(Napi::Env env, const Napi::CallbackInfo& info, ScanJob* job) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) ThrowInvalid(env, "csv bytes must be a Uint8Array");
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  job->keep = Napi::Persistent(bytes.As<Napi::Object>());
  if (!info[1].IsObject() || !info[2].IsObject()) ThrowInvalid(env, "csv options and request must be objects");
  Napi::Object o = info[1].As<Napi::Object>();
  CsvOptions& opt = job->options;
  opt.delimiter = OneByte(env, o, "delimiter", ',');
  bool has_quote = true;
  opt.quote = OneByte(env, o, "quote", '"', &has_quote);
  opt.quoting = !(o.Get("quote").IsNull());
  if (!opt.quoting) opt.quote = 0;
  opt.comment = OneByte(env, o, "comment", 0);
  opt.null_tokens = Strings(env, o, "nullTokens");
  opt.infer_bool = Flag(o, "inferBool");
  opt.infer_timestamp = Flag(o, "inferTimestamp");
  opt.strict_utf8 = Flag(o, "strictUtf8");
  const double bad = Number(env, o, "onBadRow", 0);
  if (bad < 0 || bad > 2) ThrowInvalid(env, "csv onBadRow must be 0 (error), 1 (skip) or 2 (null)");
  opt.on_bad_row = static_cast<BadRowPolicy>(static_cast<int>(bad));
  opt.threads = static_cast<int>(Number(env, o, "threads", 1));
  if (opt.threads < 1 || opt.threads > 1024) ThrowInvalid(env, "csv threads must be 1..1024");
  if (opt.delimiter == '\n' || opt.delimiter == '\r' || (opt.quoting && opt.delimiter == opt.quote)) ThrowInvalid(env, "csv delimiter must differ from the quote and line ends");

  Napi::Object q = info[2].As<Napi::Object>();
  CsvRequest& r = job->request;
  r.data = bytes.Data();
  r.size = static_cast<int64_t>(bytes.ByteLength());
  r.final = Flag(q, "final");
  r.header = Flag(q, "header");
  r.expected_columns = static_cast<int64_t>(Number(env, q, "expectedColumns", -1));
  r.line_base = static_cast<int64_t>(Number(env, q, "lineBase", 1));
  r.column_names = Strings(env, q, "columnNames");
  r.options = &job->options;

  job->read = Flag(q, "read");
  Napi::Value byName = q.Get("declaredTypes");
  if (byName.IsObject()) {
    Napi::Object m = byName.As<Napi::Object>();
    Napi::Array keys = m.GetPropertyNames();
    for (uint32_t i = 0; i < keys.Length(); i++) {
      const std::string name = keys.Get(i).As<Napi::String>().Utf8Value();
      const double v = m.Get(name).As<Napi::Number>().DoubleValue();
      if (v < 0 || v > 6) ThrowInvalid(env, "csv declaredTypes values must be 0..6");
      r.declared_by_name.emplace_back(name, static_cast<CsvType>(static_cast<int>(v)));
    }
  }
  if (info.Length() > 3 && !info[3].IsUndefined() && !info[3].IsNull()) {
    if (!info[3].IsArray()) ThrowInvalid(env, "csv types must be an array of type numbers");
    Napi::Array t = info[3].As<Napi::Array>();
    for (uint32_t i = 0; i < t.Length(); i++) {
      const double v = t.Get(i).As<Napi::Number>().DoubleValue();
      if (v < 0 || v > 6) ThrowInvalid(env, "csv types[] must be 0..6");
      job->types.push_back(static_cast<CsvType>(static_cast<int>(v)));
    }
    job->convert = true;
  }
}

Status RunJob(ScanJob* job) {
  if (job->read) return CsvRead(job->request, job->types, &job->result);
  return job->convert ? CsvConvert(job->request, job->types, &job->result) : CsvInfer(job->request, &job->result);
}

Napi::Value ResultToJs(Napi::Env env, ScanJob* job) {
  CsvResult& r = job->result;
  Napi::Object o = Napi::Object::New(env);
  o.Set("columns", Napi::Number::New(env, static_cast<double>(r.columns)));
  o.Set("consumed", Napi::Number::New(env, static_cast<double>(r.consumed)));
  o.Set("lines", Napi::Number::New(env, static_cast<double>(r.lines)));
  o.Set("rows", Napi::Number::New(env, static_cast<double>(r.rows)));
  o.Set("badRows", Napi::Number::New(env, static_cast<double>(r.bad_rows)));
  if (!r.header.empty() || job->request.header) {
    Napi::Array h = Napi::Array::New(env, r.header.size());
    for (size_t i = 0; i < r.header.size(); i++) h.Set(static_cast<uint32_t>(i), Napi::String::New(env, r.header[i]));
    o.Set("header", h);
  }
  if (job->read) {
    Napi::Array types = Napi::Array::New(env, r.types.size());
    for (size_t i = 0; i < r.types.size(); i++) types.Set(static_cast<uint32_t>(i), Napi::Number::New(env, static_cast<double>(r.types[i])));
    o.Set("types", types);
  }
  if (!job->convert && !job->read) {
    Napi::Array masks = Napi::Array::New(env, r.masks.size());
    Napi::Array any = Napi::Array::New(env, r.any_value.size());
    for (size_t i = 0; i < r.masks.size(); i++) {
      masks.Set(static_cast<uint32_t>(i), Napi::Number::New(env, r.masks[i]));
      any.Set(static_cast<uint32_t>(i), Napi::Boolean::New(env, r.any_value[i] != 0));
    }
    o.Set("masks", masks);
    o.Set("anyValue", any);
  } else {
    Napi::Array blocks = Napi::Array::New(env, r.blocks.size());
    std::vector<BufferCopy> copies;
    for (size_t b = 0; b < r.blocks.size(); b++) {
      Napi::Object blk = Napi::Object::New(env);
      blk.Set("rows", Napi::Number::New(env, static_cast<double>(r.blocks[b].rows)));
      Napi::Array cols = Napi::Array::New(env, r.blocks[b].columns.size());
      for (size_t c = 0; c < r.blocks[b].columns.size(); c++) cols.Set(static_cast<uint32_t>(c), OwnedColumnShell(env, &r.blocks[b].columns[c], &copies));
      blk.Set("columns", cols);
      blocks.Set(static_cast<uint32_t>(b), blk);
    }
    // the buffers exist: fill them on the reader's threads (the copy is a large part of a big read)
    RunCopies(&copies, job->options.threads);
    o.Set("blocks", blocks);
  }
  return o;
}

class ScanTask : public StatusTask {
 public:
  ScanTask(Napi::Env env, std::unique_ptr<ScanJob> job) : StatusTask(env), job_(std::move(job)) {}

 protected:
  Status Run() override { return RunJob(job_.get()); }
  Napi::Value Resolve(Napi::Env env) override { return ResultToJs(env, job_.get()); }

 private:
  std::unique_ptr<ScanJob> job_;
};

}  // namespace

Napi::Value CsvScanSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ScanJob job;
  ParseJob(env, info, &job);
  ThrowIfError(env, RunJob(&job));
  return ResultToJs(env, &job);
}

Napi::Value CsvScanAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto job = std::make_unique<ScanJob>();
  ParseJob(env, info, job.get());
  return (new ScanTask(env, std::move(job)))->Start();
}

}  // namespace binding
}  // namespace al

namespace al {
namespace binding {

// readFileInto(path, bytes: Uint8Array, threads): fills `bytes` (sized by the caller from the
// file's size) with the file's contents, read on `threads` threads.
Napi::Value ReadFileInto(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) ThrowInvalid(env, "readFileInto: path must be a string");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) ThrowInvalid(env, "readFileInto: bytes must be a Uint8Array");
  Napi::Uint8Array bytes = info[1].As<Napi::Uint8Array>();
  const int threads = info[2].IsNumber() ? std::max(1, info[2].As<Napi::Number>().Int32Value()) : 1;
  ThrowIfError(env, ReadFileParallel(info[0].As<Napi::String>().Utf8Value(), bytes.Data(), static_cast<int64_t>(bytes.ByteLength()), threads));
  return env.Undefined();
}

}  // namespace binding
}  // namespace al
