// Package export groups the writers of the documents tiendo hands out: the
// official report (.docx, Decree 30/2020/NĐ-CP layout) in docx, its appendix
// workbooks in xlsx and the open-data CSV files in csv. The subpackages know
// nothing about plans or figures; callers translate their data into the small
// document models defined there, so the writers can be tested on their own.
// This package itself only holds the benchmark of the whole official report.
package export
