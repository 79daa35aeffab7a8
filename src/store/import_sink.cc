#include "store/import_sink.h"

#include "data/fields.h"
#include "data/person_id.h"

namespace banenmonitor::store {

std::string_view ImportSink::PseudonymOfKey(std::uint64_t key, std::string_view id, std::uint32_t& number) {
  std::uint32_t i = index_.InternKey(key, id, raw_ids_);
  if (i == pseudonyms_.size()) pseudonyms_.push_back(pseudonymiser_.PersonId(id));
  number = i;
  return pseudonyms_[i];
}

void ImportSink::OnInvalidRow(const data::InvalidRow& row) {
  std::string text;
  auto hmac = [&](std::string_view nine) { return "hmac:" + pseudonymiser_.Hash(nine); };
  std::string buffer;
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    std::string value;
    data::PersonIdClass id;
    if (i < row.header.size() && row.header[i] == "person_id") {
      id = data::ClassifyPersonId(data::Trim(row.fields[i]), buffer);
    }
    if (id.kind == data::PersonIdKind::kBsn || id.kind == data::PersonIdKind::kBadBsn) {
      value = hmac(id.canonical);
    } else {
      value = data::ReplaceBsnLikeRuns(row.fields[i], hmac);
    }
    bool quote = value.find_first_of(",\"\r\n") != std::string::npos;
    if (i > 0) text += ',';
    if (quote) {
      text += '"';
      for (char c : value) text += c == '"' ? std::string("\"\"") : std::string(1, c);
      text += '"';
    } else {
      text += value;
    }
  }
  ++quarantined_;
  Keep(store_.InsertQuarantine(snapshot_, {std::string(row.file), row.line, std::string(row.kind),
                                           std::string(row.reason), std::move(text)}));
}

std::string StoredLabel(std::string_view label, bool& masked) {
  masked = false;
  return data::ReplaceBsnLikeRuns(label, [&](std::string_view) {
    masked = true;
    return std::string("#########");
  });
}

}  // namespace banenmonitor::store
