#include "kernels/io/read_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

namespace al {

Status ReadFileParallel(const std::string& path, uint8_t* out, int64_t size, int threads) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::Invalid("cannot open " + path + ": " + std::strerror(errno));
  const int n = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, size / (int64_t{4} << 20))));
  std::vector<Status> statuses(static_cast<size_t>(n));
  auto work = [&](int t) {
    int64_t pos = size * t / n;
    const int64_t end = size * (t + 1) / n;
    while (pos < end) {
      const ssize_t got = ::pread(fd, out + pos, static_cast<size_t>(std::min<int64_t>(end - pos, int64_t{1} << 30)), pos);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        statuses[static_cast<size_t>(t)] = Status::Invalid("cannot read " + path + (got < 0 ? std::string(": ") + std::strerror(errno) : std::string(": the file is shorter than expected")));
        return;
      }
      pos += got;
    }
  };
  if (n == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < n; t++) pool.emplace_back(work, t);
    for (std::thread& th : pool) th.join();
  }
  ::close(fd);
  for (const Status& st : statuses) {
    if (!st.ok()) return st;
  }
  return Status::OK();
}

}  // namespace al
