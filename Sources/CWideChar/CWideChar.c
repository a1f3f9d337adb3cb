#define _XOPEN_SOURCE 700
#include <wchar.h>
#include "CWideChar.h"

int rota_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
