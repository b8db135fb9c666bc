#include "binding/owned_column_js.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

namespace al {
namespace binding {
namespace {

void SetBuffer(Napi::Env env, Napi::Object o, const char* key, std::vector<uint8_t>* bytes, std::vector<BufferCopy>* copies) {
  // Buffer::New leaves the memory uninitialized (unlike a new ArrayBuffer): it is filled by RunCopies.
  Napi::Buffer<uint8_t> buf = Napi::Buffer<uint8_t>::New(env, bytes->size());
  if (!bytes->empty()) copies->push_back(BufferCopy{buf.Data(), bytes});
  o.Set(key, buf);
}

}  // namespace

Napi::Object OwnedColumnShell(Napi::Env env, OwnedColumn* c, std::vector<BufferCopy>* copies) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("typeId", Napi::Number::New(env, static_cast<double>(c->type)));
  o.Set("length", Napi::Number::New(env, static_cast<double>(c->length)));
  o.Set("nullCount", Napi::Number::New(env, static_cast<double>(c->null_count)));
  if (!c->validity.empty()) SetBuffer(env, o, "validity", &c->validity, copies);
  SetBuffer(env, o, "values", &c->values, copies);
  SetBuffer(env, o, "offsets", &c->offsets, copies);
  if (c->child) o.Set("child", OwnedColumnShell(env, c->child.get(), copies));
  return o;
}

void RunCopies(std::vector<BufferCopy>* copies, int threads) {
  auto copy = [](BufferCopy& c) {
    std::memcpy(c.dst, c.src->data(), c.src->size());
    std::vector<uint8_t>().swap(*c.src);
  };
  if (threads <= 1 || copies->size() <= 1) {
    for (BufferCopy& c : *copies) copy(c);
    return;
  }
  // largest first, handed out by a shared counter
  std::sort(copies->begin(), copies->end(), [](const BufferCopy& a, const BufferCopy& b) { return a.src->size() > b.src->size(); });
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < copies->size(); i = next++) copy((*copies)[i]);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; t++) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

Napi::Object OwnedColumnToJs(Napi::Env env, OwnedColumn* c) {
  std::vector<BufferCopy> copies;
  Napi::Object o = OwnedColumnShell(env, c, &copies);
  RunCopies(&copies, 1);
  return o;
}

}  // namespace binding
}  // namespace al
