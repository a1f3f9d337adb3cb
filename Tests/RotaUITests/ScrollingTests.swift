import Testing

@testable import RotaUI

@Suite("Scrolling lists and text")
struct ScrollingTests {
  @Test("a line already in view leaves the list where it is")
  func inView() {
    #expect(Scrolling.keep(12, in: 10, from: 5) == 5)
    #expect(Scrolling.keep(5, in: 10, from: 5) == 5)
    #expect(Scrolling.keep(14, in: 10, from: 5) == 5)
  }

  @Test("a line below the screen becomes its last line; one above becomes its first")
  func outOfView() {
    #expect(Scrolling.keep(15, in: 10, from: 5) == 6)
    #expect(Scrolling.keep(40, in: 10, from: 5) == 31)
    #expect(Scrolling.keep(4, in: 10, from: 5) == 4)
    #expect(Scrolling.keep(0, in: 10, from: 5) == 0)
  }

  @Test("moving up keeps the line above in view (a group's heading), but never scrolls past the top")
  func margin() {
    #expect(Scrolling.keep(5, in: 10, from: 5, above: 1) == 4)
    #expect(Scrolling.keep(6, in: 10, from: 5, above: 1) == 5)
    #expect(Scrolling.keep(0, in: 10, from: 3, above: 1) == 0)
  }

  @Test("on a one-line screen the line itself wins over its heading")
  func oneRow() {
    #expect(Scrolling.keep(5, in: 1, from: 9, above: 1) == 5)
    #expect(Scrolling.keep(7, in: 1, from: 2) == 7)
  }

  @Test("scrolling keys move a screen of text by a line or ten, not above its top; other keys are not theirs")
  func textKeys() {
    #expect(Scrolling.text(.down, from: 3) == 4)
    #expect(Scrolling.text(.char("j"), from: 3) == 4)
    #expect(Scrolling.text(.up, from: 3) == 2)
    #expect(Scrolling.text(.char("k"), from: 0) == 0)
    #expect(Scrolling.text(.pageDown, from: 3) == 13)
    #expect(Scrolling.text(.pageUp, from: 3) == 0)
    #expect(Scrolling.text(.pageUp, from: 25) == 15)
    #expect(Scrolling.text(.char("x"), from: 3) == nil)
    #expect(Scrolling.text(.enter, from: 3) == nil)
  }
}
