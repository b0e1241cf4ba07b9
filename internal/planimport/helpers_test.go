package planimport

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"

	"tiendo/internal/agency"
)

// referencePlan is the real plan every golden figure is taken from.
const referencePlan = "../demo/ca-mau-kh-nq71.txt"

func readReference(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(referencePlan)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// testAgencies is a province's register after the 2025 reorganisation:
// 40 agencies, as the demo loads them, with short names and aliases.
func testAgencies() []agency.Agency {
	type a struct {
		name, short string
		kind        agency.Kind
		aliases     []string
	}
	list := []a{
		{"Ủy ban nhân dân tỉnh Cà Mau", "UBND tỉnh", agency.KindProvince, []string{"Ủy ban nhân dân tỉnh"}},
		{"Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", agency.KindProvince, nil},
		{"Sở Nội vụ", "", agency.KindDepartment, nil},
		{"Sở Tài chính", "", agency.KindDepartment, nil},
		{"Sở Tư pháp", "", agency.KindDepartment, nil},
		{"Sở Xây dựng", "", agency.KindDepartment, nil},
		{"Sở Công Thương", "", agency.KindDepartment, nil},
		{"Sở Nông nghiệp và Môi trường", "Sở NN&MT", agency.KindDepartment, nil},
		{"Sở Khoa học và Công nghệ", "Sở KH&CN", agency.KindDepartment, []string{"Sở KHCN"}},
		{"Sở Giáo dục và Đào tạo", "Sở GD&ĐT", agency.KindDepartment, nil},
		{"Sở Y tế", "", agency.KindDepartment, nil},
		{"Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL", agency.KindDepartment, nil},
		{"Sở Dân tộc và Tôn giáo", "", agency.KindDepartment, nil},
		{"Sở Ngoại vụ", "", agency.KindDepartment, nil},
		{"Thanh tra tỉnh", "", agency.KindSector, nil},
		{"Công an tỉnh", "", agency.KindSector, nil},
		{"Bộ Chỉ huy Quân sự tỉnh", "", agency.KindSector, nil},
		{"Ban Quản lý Khu kinh tế tỉnh", "BQL Khu kinh tế", agency.KindBoard, nil},
		{"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQVN tỉnh", agency.KindOrg, []string{"Ủy ban MTTQ Việt Nam tỉnh"}},
		{"Báo và Phát thanh, Truyền hình Cà Mau", "", agency.KindSector, nil},
		{"Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", "", agency.KindUnit, nil},
		{"Trung tâm Phục vụ hành chính công tỉnh", "", agency.KindUnit, nil},
		{"Ngân hàng Nhà nước Khu vực 14", "", agency.KindSector, nil},
		{"Cục Thuế tỉnh", "", agency.KindSector, nil},
		{"Bưu điện tỉnh", "", agency.KindOther, nil},
		{"Viễn thông Cà Mau", "VNPT Cà Mau", agency.KindOther, nil},
		{"Viettel Cà Mau", "", agency.KindOther, nil},
		{"Tỉnh đoàn", "", agency.KindOrg, nil},
		{"Hội Liên hiệp Phụ nữ tỉnh", "", agency.KindOrg, nil},
		{"Liên đoàn Lao động tỉnh", "", agency.KindOrg, nil},
		{"Trường Đại học Bạc Liêu", "", agency.KindUnit, nil},
		{"Trường Cao đẳng Cộng đồng Cà Mau", "", agency.KindUnit, nil},
		{"UBND phường An Xuyên", "", agency.KindCommune, nil},
		{"UBND phường Lý Văn Lâm", "", agency.KindCommune, nil},
		{"UBND phường Tân Thành", "", agency.KindCommune, nil},
		{"UBND xã Đất Mũi", "", agency.KindCommune, nil},
		{"UBND xã Năm Căn", "", agency.KindCommune, nil},
		{"UBND xã Cái Nước", "", agency.KindCommune, nil},
		{"UBND xã Trần Văn Thời", "", agency.KindCommune, nil},
		{"UBND xã U Minh", "", agency.KindCommune, nil},
	}
	out := make([]agency.Agency, len(list))
	for i, x := range list {
		out[i] = agency.Agency{ID: int64(i + 1), Name: x.name, ShortName: x.short, Kind: x.kind, Aliases: x.aliases}
	}
	return out
}

// agencyID returns the ID testAgencies gives an agency name.
func agencyID(t testing.TB, name string) int64 {
	t.Helper()
	for _, a := range testAgencies() {
		if a.Name == name {
			return a.ID
		}
	}
	t.Fatalf("no agency %q", name)
	return 0
}

// docxPart is an extra part for buildDOCX (numbering.xml, styles.xml).
type docxPart struct{ name, body string }

// buildDOCX writes a minimal valid OOXML package whose body is the given
// paragraph XML (see wordParas); Word and LibreOffice open such files.
func buildDOCX(t testing.TB, body string, extra ...docxPart) []byte {
	t.Helper()
	parts := []docxPart{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `<w:sectPr/></w:body></w:document>`},
	}
	return buildZip(t, append(parts, extra...)...)
}

func buildZip(t testing.TB, parts ...docxPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wordParas writes each line as a w:p of one run, as Word saves plain
// paragraphs; "\t" becomes w:tab and "\n" w:br.
func wordParas(lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(`<w:p><w:r>`)
		for i, seg := range strings.Split(l, "\n") {
			if i > 0 {
				b.WriteString(`<w:br/>`)
			}
			for j, s := range strings.Split(seg, "\t") {
				if j > 0 {
					b.WriteString(`<w:tab/>`)
				}
				fmt.Fprintf(&b, `<w:t xml:space="preserve">%s</w:t>`, html.EscapeString(s))
			}
		}
		b.WriteString(`</w:r></w:p>`)
	}
	return b.String()
}

// importErr asserts err is an *Error with the code and a Vietnamese message.
func importErr(t *testing.T, err error, code string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want *Error %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("code = %q (%s), want %q", e.Code, e.Message, code)
	}
	if !strings.ContainsAny(e.Message, "ệảấờạ") {
		t.Errorf("message is not Vietnamese: %q", e.Message)
	}
	return e
}
