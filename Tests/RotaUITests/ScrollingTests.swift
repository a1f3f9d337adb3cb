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

  @Test("a page of text scrolls by what is asked, never above its top nor past its last page")
  func text() {
    #expect(Scrolling.text(from: 3, by: 1, total: 50, rows: 10) == 4)
    #expect(Scrolling.text(from: 0, by: -1, total: 50, rows: 10) == 0)
    #expect(Scrolling.text(from: 3, by: 10, total: 50, rows: 10) == 13)
    #expect(Scrolling.text(from: 38, by: 10, total: 50, rows: 10) == 40)
    #expect(Scrolling.text(from: 3, by: 10, total: 5, rows: 10) == 0)
  }

  @Test("a list cursor moves within its list and keeps its line on the page")
  func listCursor() {
    var c = ListCursor()
    c.move(by: 5, count: 3)
    #expect(c.index == 2)
    c.move(by: -9, count: 3)
    #expect(c.index == 0)
    c.move(by: 1, count: 0)
    #expect(c.index == 0)
    c.index = 30
    c.follow(line: 30, rows: 10, total: 40)
    #expect(c.scroll == 21)
    c.follow(line: 35, rows: 10, total: 36)
    #expect(c.scroll == 26)
  }
}
