// CWideChar: the C library's character-width function, which Swift's Glibc module
// does not export (it needs _XOPEN_SOURCE). No curses here: RotaCore uses it.
#ifndef ROTA_CWIDECHAR_H
#define ROTA_CWIDECHAR_H

/// Columns a terminal gives the character: 0, 1 or 2, or -1 when it is not printable.
int rota_wcwidth(unsigned int scalar);

#endif
