package reporting

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// officeFile builds a minimal OOXML package with the given parts.
func officeFile(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniffFile(t *testing.T) {
	pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...)
	jpg := append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'}, make([]byte, 32)...)
	docx := officeFile(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
	xlsx := officeFile(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml")
	zipOnly := officeFile(t, "readme.txt")
	noTypes := officeFile(t, "word/document.xml")
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...) // .doc/.xls
	exe := append([]byte("MZ\x90\x00"), make([]byte, 64)...)
	big := append([]byte("%PDF-1.4\n"), make([]byte, MaxFileSize)...)
	atLimit := append([]byte("%PDF-1.4\n"), make([]byte, MaxFileSize-9)...)

	for _, c := range []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"Báo cáo quý II.pdf", pdf, TypePDF, nil},
		{"BIEN-BAN.PDF", pdf, TypePDF, nil},
		{"anh.png", png, TypePNG, nil},
		{"anh.jpg", jpg, TypeJPEG, nil},
		{"anh.jpeg", jpg, TypeJPEG, nil},
		{"ke-hoach.docx", docx, TypeDOCX, nil},
		{"so-lieu.xlsx", xlsx, TypeXLSX, nil},
		{"gioi-han.pdf", atLimit, TypePDF, nil},
		{"rong.pdf", nil, "", ErrFileEmpty},
		{"lon.pdf", big, "", ErrFileTooLarge},
		{"virus.pdf", exe, "", ErrFileType},
		{"virus.exe", exe, "", ErrFileType},
		{"khong-duoi", pdf, "", ErrFileType},
		{"cu.doc", ole, "", ErrFileType},
		{"cu.docx", ole, "", ErrFileType},
		{"nen.docx", zipOnly, "", ErrFileType},
		{"thieu.docx", noTypes, "", ErrFileType},
		{"doi-ten.docx", xlsx, "", ErrFileMismatch},
		{"doi-ten.png", jpg, "", ErrFileMismatch},
		{"doi-ten.pdf", png, "", ErrFileMismatch},
		{"hong.docx", []byte("PK\x03\x04broken"), "", ErrFileType},
	} {
		got, err := SniffFile(c.name, c.data)
		if got != c.want || !errors.Is(err, c.err) || c.err == nil && err != nil {
			t.Errorf("%s: %q, %v; want %q, %v", c.name, got, err, c.want, c.err)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: %v is not ErrInvalid", c.name, err)
			}
			if !strings.ContainsAny(err.Error(), "ệỉạ") {
				t.Errorf("%s: message %q is not Vietnamese", c.name, err)
			}
		}
	}
}

// TestSniffZipBomb: an evidence DOCX whose parts inflate to gigabytes (the
// zip bomb is built here, a few MB compressed) is refused, reading only the
// zip directory — memory stays bounded.
func TestSniffZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	w, err := zw.Create("word/media/bom.bin")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 300 { // 300 MB of zeros, deflated to ~300 KB
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > MaxFileSize {
		t.Fatalf("bomb is %d bytes", buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = SniffFile("minh-chung.docx", buf.Bytes())
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrFileZipBomb) {
		t.Fatalf("SniffFile(zip bomb) = %v, want ErrFileZipBomb", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Errorf("checking the bomb allocated %d MB", grew>>20)
	}
}

// TestSniffZipBombLyingHeaders: an evidence DOCX whose zip headers
// understate its parts' sizes (300 MB of zeros declared as 1 KB each, so
// that sizes and ratios look harmless) is refused by the bytes actually
// inflated, in bounded memory — as the plan importer does. A real Office
// file with the same parts passes.
func TestSniffZipBombLyingHeaders(t *testing.T) {
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 300 {
		fw.Write(zeros)
	}
	fw.Close()

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	for _, name := range []string{"word/media/a.bin", "word/media/b.bin"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 1 << 10, CRC32: 0})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = SniffFile("minh-chung.docx", buf.Bytes())
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrFileZipBomb) {
		t.Fatalf("SniffFile(lying zip bomb) = %v, want ErrFileZipBomb", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Errorf("checking the bomb allocated %d MB", grew>>20)
	}
	// A part that inflates to what it declares passes, however large its
	// zeros compress (under the ratio limit's floor).
	if _, err := SniffFile("minh-chung.docx", officeFile(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")); err != nil {
		t.Errorf("a plain DOCX: %v", err)
	}
}
