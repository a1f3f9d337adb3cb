import CNCursesW
import Foundation
import Testing

/// Proves that the package links the wide-character ncurses and can draw on a
/// virtual screen that no terminal sees.
@Suite("ncursesw", .serialized)
struct CursesLinkTests {
  @Test("newterm on /dev/null draws wide characters and reads them back")
  func drawsOnVirtualScreen() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let output = try #require(fopen("/dev/null", "w"))
    let input = try #require(fopen("/dev/null", "r"))
    defer {
      fclose(output)
      fclose(input)
    }
    let screen = try #require(newterm("xterm-256color", output, input), "newterm failed: is ncurses-base installed?")
    defer { delscreen(screen) }
    set_term(screen)
    let window = try #require(rota_stdscr())
    #expect(rota_getmaxx(window) > 0 && rota_getmaxy(window) > 0)

    let text = "Siân 陳"
    var x: Int32 = 0
    for character in text {
      var chars = character.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
      #expect(rota_put_cell(window, 2, x, &chars, rota_a_bold(), 0) == rota_ok())
      x += character == "陳" ? 2 : 1
    }
    #expect(wrefresh(window) != rota_err())

    var read = ""
    var column: Int32 = 0
    var boldSeen = false
    while column < x {
      var buffer = [wchar_t](repeating: 0, count: 8)
      var attrs: attr_t = 0
      var pair: Int32 = 0
      let n = rota_get_cell(window, 2, column, &buffer, 8, &attrs, &pair)
      #expect(n >= 1)
      let scalar = Unicode.Scalar(UInt32(bitPattern: buffer[0]))!
      read.unicodeScalars.append(scalar)
      if attrs & rota_a_bold() != 0 { boldSeen = true }
      column += scalar == "陳" ? 2 : 1
    }
    endwin()
    #expect(read == text)
    #expect(boldSeen)
  }

  @Test("macro accessors give the installed headers' values, not zero")
  func macros() {
    #expect(rota_button1_pressed() != 0)
    #expect(rota_report_mouse_position() != 0)
    #expect(rota_key_resize() != rota_key_mouse())
    #expect(rota_a_bold() != rota_a_reverse())
    #expect(rota_key_f(1) != rota_key_f(2))
  }
}
