package planimport

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// TestBadInput: each kind of unusable file gets its *Error code and a
// Vietnamese message saying what to do.
func TestBadInput(t *testing.T) {
	garbage := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(r.UintN(256))
	}
	tests := []struct {
		name, file string
		data       []byte
		opts       Options
		code       string
	}{
		{"empty", "plan.txt", nil, Options{}, CodeEmpty},
		{"only spaces", "plan.txt", []byte(" \r\n\t\n"), Options{}, CodeEmpty},
		{"only a BOM", "plan.txt", []byte("\ufeff\n"), Options{}, CodeEmpty},
		{"over MaxBytes", "plan.txt", bytes.Repeat([]byte("a"), 2048), Options{MaxBytes: 1024}, CodeTooLarge},
		{"over the default limit", "plan.docx", make([]byte, DefaultMaxBytes+1), Options{}, CodeTooLarge},
		{"binary garbage", "plan.txt", garbage, Options{}, CodeNotText},
		{"PNG image", "scan.png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), garbage...), Options{}, CodeUnsupported},
		{"NUL bytes in UTF-8", "plan.txt", []byte("KẾ HOẠCH\x00\x00\x00I. NHIỆM VỤ"), Options{}, CodeNotText},
		{"TCVN3 / Latin-1 text", "plan.txt", []byte("K\xca HO\xb9CH\nI. NHI\xd6M V\xf1\n"), Options{}, CodeNotText},
		{"docx that is not a zip", "plan.docx", garbage, Options{}, CodeCorrupt},
		{"xlsx that is not a zip", "phu-luc.xlsx", garbage, Options{}, CodeCorrupt},
		{"truncated zip", "plan.docx", append([]byte("PK\x03\x04"), garbage[:200]...), Options{}, CodeCorrupt},
		{"zip of something else", "anh.zip", buildZip(t, docxPart{"a.txt", "xin chào"}), Options{}, CodeUnsupported},
		{"OpenDocument", "plan.odt", buildZip(t, docxPart{"mimetype", "application/vnd.oasis.opendocument.text"}, docxPart{"content.xml", "<x/>"}), Options{}, CodeUnsupported},
		{"legacy .doc", "plan.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, garbage...), Options{}, CodeUnsupported},
		{"PDF", "plan.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), Options{}, CodeUnsupported},
		{"RTF", "plan.rtf", []byte(`{\rtf1\ansi KE HOACH}`), Options{}, CodeUnsupported},
		{"text with no numbering", "plan.txt", []byte("Xin chào.\nĐây là thư mời họp, không phải kế hoạch.\n"), Options{}, CodeNoTasks},
		{"broken XML", "plan.docx", buildDOCX(t, `<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r>`), Options{}, CodeCorrupt},
		{"undeclared entity", "plan.docx", buildDOCX(t, `<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>`), Options{}, CodeCorrupt},
		{"foreign encoding", "plan.docx", buildZip(t, docxPart{"word/document.xml", `<?xml version="1.0" encoding="windows-1258"?><w:document/>`}), Options{}, CodeCorrupt},
		{"corrupt workbook", "pl.xlsx", buildZip(t, docxPart{"xl/workbook.xml", "<workbook"}, docxPart{"[Content_Types].xml", "<Types/>"}), Options{}, CodeCorrupt},
		{"too many parts", "plan.docx", manyParts(t, maxZipEntries+1), Options{}, CodeZipBomb},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(tt.file, tt.data, tt.opts)
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			importErr(t, err, tt.code)
		})
	}
}

func manyParts(t *testing.T, n int) []byte {
	parts := []docxPart{{"word/document.xml", "<w:document/>"}}
	for i := range n {
		parts = append(parts, docxPart{"p/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + itoa(i), ""})
	}
	return buildZip(t, parts...)
}

func itoa(i int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		if i /= 10; i == 0 {
			return string(b)
		}
	}
}

// TestRenamedText: a text file named .docx is read as text, with a warning.
func TestRenamedText(t *testing.T) {
	res, err := Parse("plan.docx", []byte("KẾ HOẠCH\nTÊN\nI. NHIỆM VỤ\nViệc một.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "txt" || !strings.Contains(warningTexts(res.Warnings), "tệp có đuôi .docx nhưng nội dung là văn bản thuần") {
		t.Errorf("format %q, warnings %s", res.Format, warningTexts(res.Warnings))
	}
}

// bombXML is the raw DEFLATE stream of a valid-looking document.xml of
// about n bytes (empty paragraphs over and over), written in chunks so the
// test itself stays small in memory.
func bombXML(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	head := `<?xml version="1.0"?><w:document ` + wNS + `><w:body>`
	if _, err := io.WriteString(w, head); err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("<w:p/>"), 1<<17)
	for n -= len(head); n > 0; n -= len(chunk) {
		if _, err := w.Write(chunk[:min(n, len(chunk))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombZip puts a raw DEFLATE stream in as word/document.xml, declaring
// the uncompressed size given (honest or not).
func bombZip(t testing.TB, raw []byte, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestZipBomb: a document.xml inflating to 210 MB is refused, whether its
// header says so (refused before inflating) or lies (refused while
// inflating, as soon as more comes out than declared), with bounded memory.
func TestZipBomb(t *testing.T) {
	const size = 210 << 20
	raw := bombXML(t, size)
	for _, tt := range []struct {
		name     string
		declared uint64
		code     string
	}{
		{"honest header", size, CodeZipBomb},
		{"lying header", 4096, CodeZipBomb},
		// Declared at the size limit and compressed just enough to pass
		// the ratio check: streamed, and stopped by the element count.
		{"lying header, at the limit", maxPartBytes, CodeTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := bombZip(t, raw, tt.declared)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Parse("bomb.docx", data, Options{})
			runtime.ReadMemStats(&after)
			importErr(t, err, tt.code)
			if grown := int64(after.HeapSys) - int64(before.HeapSys); grown > 32<<20 {
				t.Errorf("heap grew by %d MB while refusing the bomb", grown>>20)
			}
		})
	}
	t.Run("xlsx", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"xl/workbook.xml", "[Content_Types].xml"} {
			w, _ := zw.Create(name)
			w.Write([]byte("<x/>"))
		}
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
		w.Write(raw)
		zw.Close()
		_, err := Parse("bomb.xlsx", buf.Bytes(), Options{})
		importErr(t, err, CodeZipBomb)
	})
}

// TestXLSXTooLarge: a worksheet over the XLSX part limit is refused before
// excelize decodes it (whole sheets are decoded in memory).
func TestXLSXTooLarge(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"xl/workbook.xml", "[Content_Types].xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	payload := make([]byte, 300<<10)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range payload {
		payload[i] = byte(r.UintN(256))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CompressedSize64: uint64(len(payload)), UncompressedSize64: 20 << 20})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(payload)
	zw.Close()
	_, err = Parse("big.xlsx", buf.Bytes(), Options{})
	importErr(t, err, CodeTooLarge)
}

func TestBoundedReader(t *testing.T) {
	br := &boundedReader{r: strings.NewReader(strings.Repeat("x", 100)), left: 10}
	n, err := io.Copy(io.Discard, br)
	if n != 10 || !errors.Is(err, errInflateLimit) {
		t.Errorf("read %d, %v", n, err)
	}
}

// TestDeepXML: thousands of nested elements are refused, not recursed into.
func TestDeepXML(t *testing.T) {
	const depth = 100000
	body := strings.Repeat("<w:sdt><w:sdtContent>", depth) + strings.Repeat("</w:sdtContent></w:sdt>", depth)
	_, err := Parse("deep.docx", buildDOCX(t, body), Options{})
	e := importErr(t, err, CodeCorrupt)
	if !strings.Contains(e.Message, "lồng nhau quá sâu") {
		t.Errorf("message = %q", e.Message)
	}
}

// TestDoctype: a DOCTYPE with entities — the XML bomb and external-entity
// attack shapes — is refused with a clear message, and nothing is fetched.
func TestDoctype(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "KẾ HOẠCH")
	}))
	defer srv.Close()
	xxe := `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "` + srv.URL + `/x">]>` +
		`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`
	lol := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>` +
		`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`
	// A DOCTYPE after 2 KB of comments escapes the quick scan of the
	// archive and is caught by the XML reader itself.
	late := `<?xml version="1.0"?><!--` + strings.Repeat("x", 4096) + `--><!DOCTYPE w:document [<!ENTITY a "b">]><w:document ` + wNS + `/>`
	for name, doc := range map[string]string{"external entity": xxe, "billion laughs": lol, "late doctype": late} {
		t.Run(name, func(t *testing.T) {
			data := buildZip(t, docxPart{"word/document.xml", doc})
			_, err := Parse("x.docx", data, Options{})
			e := importErr(t, err, CodeCorrupt)
			if !strings.Contains(e.Message, "DOCTYPE") {
				t.Errorf("message = %q", e.Message)
			}
		})
	}
	t.Run("xlsx part", func(t *testing.T) {
		data := sampleAppendix(t)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var parts []docxPart
		for _, f := range zr.File {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if f.Name == "xl/sharedStrings.xml" {
				b = bytes.Replace(b, []byte("?>"), []byte(`?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "`+srv.URL+`/y">]>`), 1)
			}
			parts = append(parts, docxPart{f.Name, string(b)})
		}
		_, err = Parse("x.xlsx", buildZip(t, parts...), Options{})
		importErr(t, err, CodeCorrupt)
	})
	if n := hits.Load(); n != 0 {
		t.Errorf("the entity URL was fetched %d times", n)
	}
}
