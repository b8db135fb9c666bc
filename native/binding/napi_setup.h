// The only include of napi.h: the Node-API version and flags every binding file compiles with.
#pragma once

#ifndef NAPI_VERSION
#define NAPI_VERSION 8
#endif
#define NODE_ADDON_API_DISABLE_DEPRECATED
#define NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED
#define NAPI_CPP_EXCEPTIONS
#include <napi.h>
