#include "output/repeat_deflate.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace diplosim {

namespace {

// A Huffman code or extra-bits field as it goes into the stream: deflate packs
// bits from the least significant end, and Huffman codes most significant bit
// first, so codes are stored bit-reversed.
struct Bits {
  std::uint64_t value = 0;
  std::uint32_t count = 0;

  // This field followed by `next`.
  Bits Then(Bits next) const { return {value | next.value << count, count + next.count}; }
};

constexpr std::uint32_t Reversed(std::uint32_t code, std::uint32_t count) {
  std::uint32_t out = 0;
  for (std::uint32_t i = 0; i < count; ++i) out |= ((code >> i) & 1u) << (count - 1 - i);
  return out;
}

// The fixed literal/length code of RFC 1951 §3.2.6.
Bits FixedSymbol(std::uint32_t symbol) {
  if (symbol < 144) return {Reversed(0x30 + symbol, 8), 8};
  if (symbol < 256) return {Reversed(0x190 + symbol - 144, 9), 9};
  if (symbol < 280) return {Reversed(symbol - 256, 7), 7};
  return {Reversed(0xC0 + symbol - 280, 8), 8};
}

// Length symbols 257–285: first value and extra bits (RFC 1951 §3.2.5).
constexpr std::array<std::uint32_t, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                       31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint32_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                        2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::uint32_t kMaxMatch = 258;
constexpr std::uint32_t kMinMatch = 3;
constexpr std::size_t kValueBytes = 8;

// Index of the last entry of an ascending table that is at most `value`.
template <std::size_t N>
std::uint32_t CodeFor(const std::array<std::uint32_t, N>& base, std::uint32_t value) {
  return static_cast<std::uint32_t>(std::upper_bound(base.begin(), base.end(), value) - base.begin() - 1);
}

// A length's symbol and extra bits, joined: at most 8 + 5 bits.
struct FixedCodes {
  std::array<Bits, 256> literal;
  std::array<Bits, kMaxMatch + 1> length;  // indexed by match length, 3–258
  Bits end_of_block = FixedSymbol(256);

  FixedCodes() {
    for (std::uint32_t b = 0; b < 256; ++b) literal[b] = FixedSymbol(b);
    for (std::uint32_t n = kMinMatch; n <= kMaxMatch; ++n) {
      const std::uint32_t code = CodeFor(kLengthBase, n);
      const Bits symbol = FixedSymbol(257 + code);
      length[n] = symbol.Then({n - kLengthBase[code], kLengthExtra[code]});
    }
  }
};

const FixedCodes& Codes() {
  static const FixedCodes codes;
  return codes;
}

// The 5-bit distance codes 0–29, bit-reversed.
constexpr std::array<std::uint32_t, 30> kReversedDistanceCodes = [] {
  std::array<std::uint32_t, 30> codes{};
  for (std::uint32_t c = 0; c < codes.size(); ++c) codes[c] = Reversed(c, 5);
  return codes;
}();

// A distance's 5-bit code and extra bits, joined: at most 5 + 13 bits. Codes
// 0–3 are distances 1–4; above them code c has c/2 − 1 extra bits, so with
// m = distance − 1 the code is twice the index of m's highest bit plus the bit
// below it, and the extra bits are the rest of m (RFC 1951 §3.2.5's table,
// computed rather than searched: DeflateRows needs a distance per match).
Bits Distance(std::uint32_t distance) {
  const std::uint32_t m = distance - 1;
  if (m < 4) return {kReversedDistanceCodes[m], 5};
  const std::uint32_t top = static_cast<std::uint32_t>(std::bit_width(m)) - 1;  // at least 2
  const std::uint32_t extra = top - 1;
  const std::uint32_t code = 2 * top + ((m >> extra) & 1u);
  return Bits{kReversedDistanceCodes[code], 5}.Then({m & ((1u << extra) - 1), extra});
}

// Packs fields into bytes from the least significant bit up. After each field
// it stores all eight buffered bytes and advances past the whole ones, so under
// 8 bits stay pending and a field may hold up to 56 bits; the output needs 8
// bytes of slack.
class BitWriter {
  static_assert(std::endian::native == std::endian::little, "the buffer is stored with memcpy, low byte first");

 public:
  explicit BitWriter(unsigned char* out) : begin_(out), out_(out) {}

  void Put(Bits bits) {
    buffer_ |= std::uint64_t{bits.value} << count_;
    count_ += bits.count;
    std::memcpy(out_, &buffer_, sizeof buffer_);  // one unaligned store, bytes in stream order
    out_ += count_ / 8;
    buffer_ >>= count_ & ~7u;
    count_ &= 7u;
  }

  // The number of bytes written, the last one padded with zeros.
  std::size_t Finish() { return Written() + (count_ > 0 ? 1 : 0); }

  std::size_t Written() const { return static_cast<std::size_t>(out_ - begin_); }

 private:
  unsigned char* begin_;
  unsigned char* out_;
  std::uint64_t buffer_ = 0;
  std::uint32_t count_ = 0;
};

// A run of `bytes` repeated bytes as matches of at most 258, none shorter than 3.
void PutMatches(BitWriter& writer, std::size_t bytes, Bits distance) {
  const FixedCodes& codes = Codes();
  while (bytes > 0) {
    std::size_t piece = std::min<std::size_t>(bytes, kMaxMatch);
    if (bytes - piece > 0 && bytes - piece < kMinMatch) piece = bytes - kMinMatch;
    writer.Put(codes.length[piece].Then(distance));  // at most 13 + 18 bits
    bytes -= piece;
  }
}

std::uint64_t Value(const unsigned char* in, std::size_t k) {
  std::uint64_t v;
  std::memcpy(&v, in + k * kValueBytes, sizeof v);
  return v;
}

// Eight literals in two fields of at most 4 · 9 bits.
void PutLiterals8(BitWriter& writer, const unsigned char* value) {
  const FixedCodes& codes = Codes();
  writer.Put(codes.literal[value[0]]
                 .Then(codes.literal[value[1]])
                 .Then(codes.literal[value[2]])
                 .Then(codes.literal[value[3]]));
  writer.Put(codes.literal[value[4]]
                 .Then(codes.literal[value[5]])
                 .Then(codes.literal[value[6]])
                 .Then(codes.literal[value[7]]));
}

// A zlib stream of one final fixed-Huffman block over `bytes` input bytes,
// built in the thread's buffer. Room for the worst case, all literals: 9 bits
// a byte, plus the header and the writer's 8-byte stores; the encoders stop
// sooner, once the stream is no smaller than the input. The buffer is kept
// between calls: sizing `out` for the worst case would zero it every time,
// which cost a fifth as much as the encoding.
class FixedBlockStream {
 public:
  explicit FixedBlockStream(std::size_t bytes) : bytes_(bytes), writer_(Prepare(bytes)) {
    writer_.Put({0b011, 3});  // the final block, fixed Huffman codes
  }

  BitWriter& writer() { return writer_; }
  // Whether the stream has grown to the input's size: storing it raw is then smaller.
  bool Full() const { return writer_.Written() >= bytes_; }

  // Ends the block, appends the Adler-32 of `in` and copies the stream to
  // `out`; false, leaving `out` unchanged, when it is no smaller than the input.
  bool Finish(const unsigned char* in, std::vector<unsigned char>& out) {
    writer_.Put(Codes().end_of_block);
    const std::size_t size = 2 + writer_.Finish() + 4;
    if (size >= bytes_) return false;
    std::vector<unsigned char>& stream = Buffer();
    const std::uint32_t adler = libdeflate_adler32(1, in, bytes_);
    for (int i = 0; i < 4; ++i) stream[size - 4 + i] = static_cast<unsigned char>(adler >> (24 - 8 * i));
    out.assign(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(size));
    return true;
  }

 private:
  static std::vector<unsigned char>& Buffer() {
    thread_local std::vector<unsigned char> stream;
    return stream;
  }
  static unsigned char* Prepare(std::size_t bytes) {
    std::vector<unsigned char>& stream = Buffer();
    if (stream.size() < bytes + bytes / 8 + 64) stream.resize(bytes + bytes / 8 + 64);
    stream[0] = 0x78;  // deflate, 32 KiB window
    stream[1] = 0x01;  // no dictionary, fastest; (0x78 · 256 + 0x01) is a multiple of 31 as RFC 1950 asks
    return stream.data() + 2;
  }

  std::size_t bytes_;
  BitWriter writer_;
};

// A row's bytes hashed to one of kRowSlots slots (multiplicative hashing of its 8-byte words).
constexpr int kRowSlotBits = 12;
constexpr std::size_t kRowSlots = std::size_t{1} << kRowSlotBits;
std::size_t RowSlot(const unsigned char* row, std::size_t row_bytes) {
  std::uint64_t h = 0;
  for (std::size_t b = 0; b < row_bytes; b += kValueBytes) {
    std::uint64_t word;
    std::memcpy(&word, row + b, sizeof word);
    h = (h ^ word) * 0x9e3779b97f4a7c15ULL;
  }
  return static_cast<std::size_t>(h >> (64 - kRowSlotBits));
}

}  // namespace

bool DeflateRepeats(const unsigned char* in, std::size_t bytes, std::size_t slice_bytes,
                    std::vector<unsigned char>& out) {
  if (bytes == 0 || bytes % kValueBytes != 0 || slice_bytes == 0 || slice_bytes % kValueBytes != 0 ||
      slice_bytes > kDeflateWindow)
    return false;
  FixedBlockStream stream(bytes);
  BitWriter& writer = stream.writer();
  const Bits one_slice_back = Distance(static_cast<std::uint32_t>(slice_bytes));
  const Bits one_value_back = Distance(kValueBytes);
  const std::size_t values = bytes / kValueBytes;
  const std::size_t slice = slice_bytes / kValueBytes;
  for (std::size_t k = 0; k < values;) {
    // The longest run of values equal to those `back` values earlier, from k.
    auto run_from = [&](std::size_t back) {
      std::size_t end = k;
      while (end < values && Value(in, end) == Value(in, end - back)) ++end;
      return end;
    };
    if (k >= slice && Value(in, k) == Value(in, k - slice)) {
      const std::size_t end = run_from(slice);
      PutMatches(writer, (end - k) * kValueBytes, one_slice_back);
      k = end;
    } else if (k >= 1 && Value(in, k) == Value(in, k - 1)) {
      const std::size_t end = run_from(1);
      PutMatches(writer, (end - k) * kValueBytes, one_value_back);
      k = end;
    } else {
      PutLiterals8(writer, in + k * kValueBytes);
      ++k;
    }
    if (stream.Full()) return false;
  }
  return stream.Finish(in, out);
}

bool DeflateRows(const unsigned char* in, std::size_t bytes, std::size_t row_bytes, std::vector<unsigned char>& out) {
  if (bytes == 0 || row_bytes == 0 || row_bytes % kValueBytes != 0 || row_bytes > 256 || bytes % row_bytes != 0)
    return false;
  FixedBlockStream stream(bytes);
  BitWriter& writer = stream.writer();
  const FixedCodes& codes = Codes();
  const std::size_t rows = bytes / row_bytes;
  const std::size_t window_rows = kDeflateWindow / row_bytes;
  // Per slot, the latest row that hashed there, plus one (0: none yet).
  thread_local std::vector<std::uint32_t> latest;
  latest.assign(kRowSlots, 0);
  // The match being extended: `pending` bytes, `pending_rows` rows back.
  std::size_t pending = 0;
  std::size_t pending_rows = 0;
  auto flush = [&] {
    if (pending > 0) PutMatches(writer, pending, Distance(static_cast<std::uint32_t>(pending_rows * row_bytes)));
    pending = 0;
  };
  auto same = [row_bytes](const unsigned char* a, const unsigned char* b) {
    for (std::size_t w = 0; w < row_bytes; w += kValueBytes)
      if (Value(a + w, 0) != Value(b + w, 0)) return false;
    return true;
  };
  for (std::size_t k = 0; k < rows; ++k) {
    const unsigned char* row = in + k * row_bytes;
    std::uint32_t& slot = latest[RowSlot(row, row_bytes)];
    // Rows back to the row this one repeats (0: none). Continuing the pending
    // match comes first: runs of repeated rows then make one long match.
    std::size_t back = 0;
    if (pending > 0 && same(row, row - pending_rows * row_bytes))
      back = pending_rows;
    else if (slot > 0 && k + 1 - slot <= window_rows && same(row, in + (slot - 1) * row_bytes))
      back = k + 1 - slot;
    if (back > 0) {
      if (pending > 0 && back != pending_rows) flush();
      pending += row_bytes;
      pending_rows = back;
    } else {
      flush();
      // Literals up to the last non-null byte and one null, then the other
      // trailing nulls (null padding) as a match one byte back.
      std::size_t used = row_bytes;
      while (used > 0 && row[used - 1] == 0) --used;
      const std::size_t literal = std::min(row_bytes, used + 1);
      std::size_t b = 0;
      for (; b + kValueBytes <= literal; b += kValueBytes) PutLiterals8(writer, row + b);
      for (; b < literal; ++b) writer.Put(codes.literal[row[b]]);
      const std::size_t nulls = row_bytes - literal;
      if (nulls >= kMinMatch) {
        PutMatches(writer, nulls, Distance(1));
      } else {
        for (; b < row_bytes; ++b) writer.Put(codes.literal[0]);
      }
    }
    slot = static_cast<std::uint32_t>(k + 1);
    if (stream.Full()) return false;
  }
  flush();
  return stream.Finish(in, out);
}

}  // namespace diplosim
