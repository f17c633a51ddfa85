// The only C the project sees: Linux inotify constants and libinotifytools
// (Debian: libinotifytools0-dev, which ships no pkg-config file).
#ifndef INGESTD_CINOTIFY_SHIM_H
#define INGESTD_CINOTIFY_SHIM_H
#include <sys/inotify.h>
#include <inotifytools/inotifytools.h>
#endif
