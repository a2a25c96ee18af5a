import Foundation
import SimpegAdmin
import Testing

/// Reading CSV as spreadsheets and regional SIMPEG exports write it.
@Suite struct CSVReaderTests {
  private func read(_ text: String, separator: Character = ",") throws -> [CSVRecord] {
    try CSVReader(separator: separator.asciiValue!).records(in: Data(text.utf8))
  }

  @Test func quotedFieldsHoldCommasAndDoubledQuotes() throws {
    let records = try read("nama,gelar\n\"Rahayu, Siti\",\"Dr. \"\"Yu\"\"\"\n")
    #expect(records.map(\.fields) == [["nama", "gelar"], ["Rahayu, Siti", "Dr. \"Yu\""]])
  }

  @Test func quotedLineBreaksStayInTheFieldAndLineNumbersCountThem() throws {
    let records = try read("a,b\n\"one\ntwo\",x\nlast,y\n")
    #expect(records[1].fields == ["one\ntwo", "x"])
    #expect(records.map(\.line) == [1, 2, 4])
  }

  @Test func byteOrderMarkIsDroppedFromTheFirstField() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data("kode,nama\nA,B\n".utf8)
    let records = try CSVReader().records(in: data)
    #expect(records[0].fields == ["kode", "nama"])
  }

  @Test func crlfLfAndCrLineEndingsReadAlike() throws {
    let expected = [["a", "b"], ["1", "2"], ["3", "4"]]
    #expect(try read("a,b\r\n1,2\r\n3,4\r\n").map(\.fields) == expected)
    #expect(try read("a,b\n1,2\n3,4").map(\.fields) == expected)
    #expect(try read("a,b\r1,2\r3,4\r").map(\.fields) == expected)
    #expect(try read("a,b\r\n1,2\r\n3,4\r\n").map(\.line) == [1, 2, 3])
  }

  @Test func blankLinesAreSkippedButKeepTheLineCount() throws {
    let records = try read("a,b\n\n1,2\n\r\n3,4\n")
    #expect(records.map(\.line) == [1, 3, 5])
  }

  @Test func indonesianNamesWithApostrophesAndDiacriticsSurviveUnchanged() throws {
    let names = ["Drs. H. Muh. Ma'ruf, M.Si.", "Ni Luh Putu Ayu Dé", "Siti Nur'aini", "I Gusti Ngurah Räi"]
    let text = "nama\n" + names.map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
    #expect(try read(text).dropFirst().map { $0.fields[0] } == names)
  }

  @Test func semicolonSeparatedFilesFromAnIndonesianExcelAreDetected() throws {
    let data = Data("nip;nama;golongan\n198609262015051001;\"Rahayu; Siti\";III/a\n".utf8)
    let separator = CSVReader.detectSeparator(in: data)
    #expect(separator == UInt8(ascii: ";"))
    let records = try CSVReader(separator: separator).records(in: data)
    #expect(records[1].fields == ["198609262015051001", "Rahayu; Siti", "III/a"])
    #expect(CSVReader.detectSeparator(in: Data("a,b;c,d\n".utf8)) == UInt8(ascii: ","))
  }

  @Test func emptyFieldsAndAnEmptyLastFieldAreKept() throws {
    #expect(try read("a,,c,\n").map(\.fields) == [["a", "", "c", ""]])
    #expect(try read("\"\"\n").map(\.fields) == [[""]])
  }

  @Test func aQuoteInsideAnUnquotedFieldIsKeptAsItIs() throws {
    #expect(try read("Ahmad \"Mamat\" Suryadi,x\n").map(\.fields) == [["Ahmad \"Mamat\" Suryadi", "x"]])
  }

  @Test func anUnterminatedQuoteNamesTheLineWhereItStarts() {
    #expect(
      throws: CSVError(line: 3, "a quoted field starting here never ends: its closing quote is missing")
    ) {
      try read("a,b\n1,2\n3,\"open\n4,5\n")
    }
  }

  @Test func textAfterAClosingQuoteIsRefusedButSpacesAreNot() throws {
    #expect(throws: CSVError.self) { try read("\"abc\"def,x\n") }
    #expect(try read("\"abc\"  ,x\n").map(\.fields) == [["abc", "x"]])
  }

  @Test func aFileThatIsNotUTF8IsRefusedNamingTheLine() {
    let data = Data("nama\nok\n".utf8) + Data([0x53, 0x69, 0x74, 0xE9, 0x0A])
    do {
      _ = try CSVReader().records(in: data)
      Issue.record("a Latin-1 file was read")
    } catch {
      #expect(error.line == 3)
      #expect(error.message.contains("UTF-8"))
    }
  }
}
