// OpenCC's C API (simplified ↔ traditional Chinese conversion). Debian:
// libopencc-dev (headers in /usr/include/opencc, found through pkg-config);
// its runtime pulls in libopencc-data, the dictionaries in /usr/share/opencc.
#include <opencc.h>
