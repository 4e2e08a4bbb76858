// Everything is in the header (static inline, for the Swift compiler to inline); this
// file exists because a SwiftPM C target needs at least one source file.
#include "tally_byte_scan.h"
