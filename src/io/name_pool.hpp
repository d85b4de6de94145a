#pragma once
// Interning of issue names while a dataset is read: equal names get one shared IssueName, so a
// market's millions of entries hold its few thousand distinct names once.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "materia/model/dataset.hpp"

namespace materia::detail {

// An open-addressing table (linear probing, at most half full): one lookup per entry read, so
// it keeps the names and their hashes in one array instead of a node per name.
class NamePool {
 public:
  IssueName intern(std::string_view text) {
    Slot& slot = find(text);
    if (slot.name.identity() == nullptr) {
      slot.name = IssueName{std::string(text)};
      ++count_;
    }
    return slot.name;
  }

  /// The pooled name with the text of `name`; `name` itself when its text is new here (it then
  /// joins the pool), so a name from another pool keeps its identity unless this pool has one.
  IssueName adopt(const IssueName& name) {
    Slot& slot = find(name.str());
    if (slot.name.identity() == nullptr) {
      slot.name = name;
      ++count_;
    }
    return slot.name;
  }

  /// Calls each(name) for every pooled name, in no particular order.
  template <typename Each>
  void for_each(Each&& each) const {
    for (const Slot& slot : slots_)
      if (slot.name.identity() != nullptr) each(slot.name);
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    IssueName name;  // no text: the slot is free
  };

  // The slot holding `text`, or the free slot where it belongs (its hash already set).
  Slot& find(std::string_view text) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const std::size_t hash = std::hash<std::string_view>{}(text);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      Slot& slot = slots_[at];
      if (slot.name.identity() == nullptr) {
        slot.hash = hash;
        return slot;
      }
      if (slot.hash == hash && slot.name == text) return slot;
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (Slot& slot : old) {
      if (slot.name.identity() == nullptr) continue;
      std::size_t at = slot.hash & mask;
      while (slots_[at].name.identity() != nullptr)
        at = (at + 1) & mask;
      slots_[at] = std::move(slot);
    }
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace materia::detail
