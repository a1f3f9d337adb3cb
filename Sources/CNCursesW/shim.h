// CNCursesW: the wide-character ncurses API as Swift can see it.
//
// Swift imports C functions but not C macros or most globals, so every macro
// rota needs is wrapped here in a static inline function. Mask values are never
// hard-coded on the Swift side: they come from the installed headers.
#ifndef ROTA_CNCURSESW_SHIM_H
#define ROTA_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals. Swift 6 will not touch C's mutable globals directly, so they are read here.
static inline WINDOW *rota_stdscr(void) { return stdscr; }
static inline FILE *rota_stdout(void) { return stdout; }
static inline FILE *rota_stdin(void) { return stdin; }
/// Writes a control sequence of rota's own (mouse modes) straight to the terminal.
static inline void rota_write_control(const char *sequence) { fputs(sequence, stdout); fflush(stdout); }
static inline int rota_lines(void) { return LINES; }
static inline int rota_cols(void) { return COLS; }
static inline int rota_colors(void) { return COLORS; }
static inline int rota_color_pairs(void) { return COLOR_PAIRS; }
static inline int rota_err(void) { return ERR; }
static inline int rota_ok(void) { return OK; }

// Attributes.
static inline attr_t rota_a_normal(void) { return A_NORMAL; }
static inline attr_t rota_a_bold(void) { return A_BOLD; }
static inline attr_t rota_a_dim(void) { return A_DIM; }
static inline attr_t rota_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rota_a_reverse(void) { return A_REVERSE; }
static inline attr_t rota_a_standout(void) { return A_STANDOUT; }
static inline attr_t rota_a_italic(void) { return A_ITALIC; }
static inline attr_t rota_a_blink(void) { return A_BLINK; }

// Keys.
static inline int rota_key_f(int n) { return KEY_F(n); }
static inline int rota_key_resize(void) { return KEY_RESIZE; }
static inline int rota_key_mouse(void) { return KEY_MOUSE; }
static inline int rota_key_up(void) { return KEY_UP; }
static inline int rota_key_down(void) { return KEY_DOWN; }
static inline int rota_key_left(void) { return KEY_LEFT; }
static inline int rota_key_right(void) { return KEY_RIGHT; }
static inline int rota_key_home(void) { return KEY_HOME; }
static inline int rota_key_end(void) { return KEY_END; }
static inline int rota_key_ppage(void) { return KEY_PPAGE; }
static inline int rota_key_npage(void) { return KEY_NPAGE; }
static inline int rota_key_enter(void) { return KEY_ENTER; }
static inline int rota_key_backspace(void) { return KEY_BACKSPACE; }
static inline int rota_key_dc(void) { return KEY_DC; }
static inline int rota_key_btab(void) { return KEY_BTAB; }
static inline int rota_key_code_yes(void) { return KEY_CODE_YES; }

// Mouse masks.
static inline mmask_t rota_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t rota_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t rota_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rota_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t rota_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t rota_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t rota_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t rota_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rota_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
  return BUTTON5_PRESSED;
#else
  return 0;
#endif
}

// Colour pairs as attributes.
static inline attr_t rota_color_pair(int n) { return COLOR_PAIR(n); }

// Size of a window.
static inline int rota_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int rota_getmaxx(WINDOW *w) { return getmaxx(w); }

// Writes one wide cell (a base character plus combining marks) with attributes and
// a colour pair. setcchar takes the pair as a short; wide pair numbers are passed
// through the opts pointer, as ncurses documents for extended colours.
static inline int rota_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
  cchar_t cell;
  int p = pair;
  if (setcchar(&cell, wch, attrs, (short)(pair > 32767 ? 0 : pair), &p) == ERR) return ERR;
  return mvwadd_wch(w, y, x, &cell);
}

// Reads one cell back: the characters it holds (up to max - 1, NUL-terminated),
// its attributes and colour pair. Returns the number of characters, or ERR.
static inline int rota_get_cell(WINDOW *w, int y, int x, wchar_t *out, int max, attr_t *attrs, int *pair) {
  cchar_t cell;
  if (mvwin_wch(w, y, x, &cell) == ERR) return ERR;
  wchar_t buf[CCHARW_MAX + 1];
  short p = 0;
  if (getcchar(&cell, buf, attrs, &p, pair) == ERR) return ERR;
  int n = 0;
  while (n < max - 1 && n < CCHARW_MAX && buf[n] != 0) { out[n] = buf[n]; n++; }
  out[n] = 0;
  return n;
}

#endif
