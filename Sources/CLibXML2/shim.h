#ifndef SCOUR_CLIBXML2_SHIM_H
#define SCOUR_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU and its headers pull in <unicode/...>,
// whose UErrorCode clashes with Foundation's copy in any module that sees
// both. Scour never uses libxml2's ICU support, so hide it before any other
// libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as
/// shared mutable state; call it through this wrapper instead.
static inline void scour_xmlFree(void *pointer) {
    xmlFree(pointer);
}

static void scour_silentStructuredError(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/// Silence libxml2's error output on the calling thread and, for threads
/// created later, by default. libxml2 keeps error handlers per thread.
static inline void scour_silenceLibXMLErrors(void) {
    xmlSetStructuredErrorFunc(NULL, scour_silentStructuredError);
    xmlThrDefSetStructuredErrorFunc(NULL, scour_silentStructuredError);
}

#endif
