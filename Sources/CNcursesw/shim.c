#define _XOPEN_SOURCE 700
#include "CNcursesw.h"
