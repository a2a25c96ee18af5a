import SimpegAdmin
import Testing

/// Tables and records for people.
@Suite struct TextOutputTests {
  @Test func columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
    let table = TextTable(
      [.init("ID", .right), .init("NAME"), .init("GOLONGAN")],
      rows: [["7", "Siti Rahayu", "III/a"], ["1234", "Budi", "IV/e"]])
    #expect(
      table.lines == [
        "  ID  NAME         GOLONGAN",
        "   7  Siti Rahayu  III/a",
        "1234  Budi         IV/e",
      ])
  }

  @Test func linesNeverEndInSpaces() {
    let table = TextTable([.init("A"), .init("B")], rows: [["x", ""], ["longer", "y"]])
    #expect(table.lines.allSatisfy { $0.last != " " })
  }

  @Test func namesWithDiacriticsCountAsTheirCharacters() {
    let table = TextTable([.init("NAME"), .init("UNIT")], rows: [["Ni Luh Dé", "1"], ["Made Ayu", "2"]])
    #expect(table.lines[1] == "Ni Luh Dé  1")
    #expect(table.lines[2] == "Made Ayu   2")
  }

  @Test func lineBreaksInACellDoNotBreakTheTable() {
    let table = TextTable([.init("REASON")], rows: [["first\nsecond"]])
    #expect(table.lines == ["REASON", "first second"])
  }

  @Test func recordValuesStartInOneColumnAndEmptyOnesShowADash() {
    var list = KeyValueList()
    list.add("id", "12")
    list.add("head position", "")
    #expect(list.lines == ["id:            12", "head position: -"])
  }

  @Test func treeBranchesFollowTheDepthsOfADepthFirstListing() {
    // root; a (a1, a2 (a2x)); b (b1)
    let prefixes = TreePrefixes.make(depths: [0, 1, 2, 2, 3, 1, 2])
    #expect(prefixes == ["", "├─ ", "│  ├─ ", "│  └─ ", "│     └─ ", "└─ ", "   └─ "])
  }

  @Test func aSubtreeListingStartsAtItsOwnDepth() {
    #expect(TreePrefixes.make(depths: [2, 3, 3]) == ["", "├─ ", "└─ "])
    #expect(TreePrefixes.make(depths: []) == [])
  }
}
