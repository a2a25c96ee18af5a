import Foundation
import SimpegAdmin
import Testing

/// Files read against the columns of units and employees.
@Suite struct CSVTableTests {
  private func table(_ text: String, _ layout: CSVTable.Layout = UnitColumns.layout) throws(CSVError)
    -> CSVTable
  {
    try CSVTable(data: Data(text.utf8), layout: layout)
  }

  @Test func headerNamesMatchInAnyCaseOrderAndSpacing() throws {
    let units = try table("Nama, Kode Induk ,JENIS,kode\nDinas Pendidikan,PEMKOT,Dinas,DISDIK\n")
    let record = try #require(units.records.first)
    #expect(units.value("kode", in: record) == "DISDIK")
    #expect(units.value("kode_induk", in: record) == "PEMKOT")
    #expect(units.value("nama", in: record) == "Dinas Pendidikan")
  }

  @Test func aMissingRequiredColumnIsNamed() {
    do {
      _ = try table("kode,jenis,nama\nA,Dinas,X\n")
      Issue.record("a file without kode_induk was accepted")
    } catch {
      #expect(error.line == 1)
      #expect(error.message.contains("kode_induk"))
    }
  }

  @Test func everyLineWithTheWrongNumberOfFieldsIsListedAndLeftOut() throws {
    let units = try table(
      "kode,kode_induk,jenis,nama\nA,,Pemerintah Kota,Kota\nB,A,Dinas\nC,A,Dinas,X,Y\nD,A,Dinas,Z\n")
    #expect(units.records.map(\.line) == [2, 5])
    #expect(units.problems.map(\.line) == [3, 4])
    #expect(units.problems[0].message.contains("has 3 fields but the header has 4"))
  }

  @Test func trailingEmptyFieldsAsSpreadsheetsAddThemAreTolerated() throws {
    let units = try table("kode,kode_induk,jenis,nama\nA,,Pemerintah Kota,Kota,,\n")
    #expect(units.problems.isEmpty)
    #expect(units.records.count == 1)
  }

  @Test func unknownColumnsAreListedAndOptionalOnesMayBeMissing() throws {
    let employees = try table(
      "NIP,Nama,Status,Kode Unit,Agama\n198609262015051001,Siti,PNS,DISDIK,Islam\n", EmployeeColumns.layout)
    #expect(employees.unknownColumns == ["Agama"])
    let record = try #require(employees.records.first)
    #expect(employees.value("golongan", in: record) == "")
    #expect(EmployeeColumns.row(record, in: employees).unitCode == "DISDIK")
    #expect(EmployeeColumns.row(record, in: employees).line == 2)
  }

  @Test func anEmptyFileIsRefused() {
    #expect(throws: CSVError.self) { try table("") }
  }
}
