package planimport

import (
	"strings"
	"testing"
)

// BenchmarkParseReferencePlan is the importer's share of the issue's
// "import of the reference plan ≤ 100 ms" (parse + store): the whole TXT
// read with a 40-agency register, matcher built inside Parse as in use.
func BenchmarkParseReferencePlan(b *testing.B) {
	data := readReference(b)
	opts := Options{Agencies: testAgencies()}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("ca-mau-kh-nq71.txt", data, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseReferencePlanDOCX: the same plan as a Word file.
func BenchmarkParseReferencePlanDOCX(b *testing.B) {
	data := buildDOCX(b, wordParas(strings.Split(string(readReference(b)), "\n")...))
	opts := Options{Agencies: testAgencies()}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("ca-mau-kh-nq71.docx", data, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseAppendixXLSX: a small task appendix through excelize.
func BenchmarkParseAppendixXLSX(b *testing.B) {
	data := sampleAppendix(b)
	opts := Options{Agencies: testAgencies()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("phu-luc.xlsx", data, opts); err != nil {
			b.Fatal(err)
		}
	}
}
