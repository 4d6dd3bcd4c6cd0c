#pragma once
// Small parallel helpers: run a few independent parts of a loop on their own threads. Callers
// split their work into about `hardware_workers()` parts of similar cost (e.g. accounts balanced
// by their rows) and call run_parts. Plain std::thread rather than oneTBB: these loops are a
// handful of equal, independent chunks, and this keeps the library free of a runtime dependency
// for them. Exceptions thrown by a part are rethrown on the caller's thread (the first one).
#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ticketlens {

/// Threads worth starting for `work` units of work when one thread should get at least
/// `min_per_worker` of them: between 1 and the hardware's threads.
inline std::size_t hardware_workers(std::size_t work = SIZE_MAX, std::size_t min_per_worker = 1) {
  const std::size_t hw = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(work / std::max<std::size_t>(1, min_per_worker), 1, hw);
}

/// fn(part) for every part in [0, parts): part 0 on the calling thread, the others on their own.
template <class Fn>
void run_parts(std::size_t parts, Fn&& fn) {
  if (parts == 0) return;
  if (parts == 1) {
    fn(std::size_t{0});
    return;
  }
  std::exception_ptr error;
  std::mutex error_mutex;
  auto guarded = [&](std::size_t p) {
    try {
      fn(p);
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(parts - 1);
  for (std::size_t p = 1; p < parts; ++p) threads.emplace_back(guarded, p);
  guarded(0);
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace ticketlens
