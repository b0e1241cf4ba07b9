package reporting

import (
	"slices"
	"testing"
)

// FuzzSniffFile: any bytes under any name give either one of the allowed
// types or a refusal — never a panic, never a type the name did not ask
// for. Seeds in testdata/fuzz/FuzzSniffFile; run with
//
//	go test ./internal/reporting -run '^$' -fuzz FuzzSniffFile -fuzztime 30s
func FuzzSniffFile(f *testing.F) {
	f.Add("bao-cao.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"))
	f.Add("anh.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Add("anh.jpg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'})
	f.Add("virus.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00"))
	f.Add("trang.pdf", []byte("<html><script>alert(1)</script></html>"))
	f.Add("bang.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"))
	allowed := []string{TypePDF, TypePNG, TypeJPEG, TypeDOCX, TypeXLSX}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ct, err := SniffFile(name, data)
		if err != nil {
			if ct != "" {
				t.Fatalf("refused but typed %q", ct)
			}
			return
		}
		if !slices.Contains(allowed, ct) {
			t.Fatalf("SniffFile(%q) = %q: not an allowed type", name, ct)
		}
		if again, _ := SniffFile(name, data); again != ct {
			t.Fatalf("not deterministic: %q then %q", ct, again)
		}
	})
}
