#include <libxml/xmlversion.h>
/* libxml2 may be built with ICU; its headers would then pull in the system ICU, which clashes
   with Foundation's own copy. We use no ICU converter structure, only pointers to it. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>
