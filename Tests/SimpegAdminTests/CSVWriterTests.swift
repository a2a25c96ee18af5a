import Foundation
import SimpegAdmin
import Testing

/// Writing CSV that reads back unchanged.
@Suite struct CSVWriterTests {
  @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
    let writer = CSVWriter()
    #expect(writer.quoted("Siti Rahayu") == "Siti Rahayu")
    #expect(writer.quoted("Rahayu, Siti") == "\"Rahayu, Siti\"")
    #expect(writer.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(writer.quoted("two\nlines") == "\"two\nlines\"")
    #expect(writer.quoted(" padded") == "\" padded\"")
    #expect(writer.quoted("") == "")
  }

  @Test func whatIsWrittenReadsBackUnchanged() throws {
    let rows = [
      ["198609262015051001", "Rahayu, Siti", "Dr. \"Yu\"", "line\r\nbreak", " lead", "Ni Luh Dé", ""],
      ["199303012024212011", "Ma'ruf", "", "", "", "", "x"],
    ]
    let header = ["a", "b", "c", "d", "e", "f", "g"]
    for writer in [CSVWriter(), CSVWriter.excel, CSVWriter(separator: ";")] {
      let data = Data(writer.document(header: header, rows: rows).utf8)
      let records = try CSVReader(separator: CSVReader.detectSeparator(in: data)).records(in: data)
      #expect(records.map(\.fields) == [header] + rows)
    }
  }

  @Test func theExcelFlavourStartsWithAByteOrderMarkAndEndsLinesWithCRLF() {
    let text = CSVWriter.excel.document(header: ["a"], rows: [["1"]])
    #expect(Array(text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(text.hasSuffix("1\r\n"))
  }
}
