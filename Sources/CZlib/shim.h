#ifndef SCOUR_CZLIB_SHIM_H
#define SCOUR_CZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a macro (it passes the library version and the struct
/// size, so a header/library mismatch is caught); Swift cannot call macros.
static inline int scour_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
