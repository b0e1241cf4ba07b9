package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// upFile is one file of an upload.
type upFile struct {
	name string
	data io.Reader
}

// upload posts a file through the import form, as a browser on this site would.
func (c *client) upload(filename string, data io.Reader) *response {
	return c.uploadFiles(upFile{filename, data})
}

// uploadFiles posts several files in the one field of the import form, as
// a browser does with <input type=file multiple>.
func (c *client) uploadFiles(files ...upFile) *response {
	c.a.t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		var err error
		for _, f := range files {
			var part io.Writer
			if part, err = mw.CreateFormFile("file", f.name); err == nil {
				_, err = io.Copy(part, f.data)
			}
			if err != nil {
				break
			}
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequest("POST", c.a.srv.URL+"/import", pr)
	if err != nil {
		c.a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.a.srv.URL)
	return c.do(req)
}

// formValues collects what a browser would submit from the form matching sel.
func formValues(d *doc, sel string) url.Values {
	v := url.Values{}
	walk(d.one(sel), func(n *html.Node) {
		if n.Type != html.ElementNode || attr(n, "name") == "" {
			return
		}
		name := attr(n, "name")
		switch n.Data {
		case "input":
			if t := attr(n, "type"); (t == "checkbox" || t == "radio") && !hasAttr(n, "checked") {
				return
			}
			v.Add(name, attr(n, "value"))
		case "textarea":
			v.Add(name, textOfRaw(n))
		case "select": // the selected option, else the first
			val, first := "", true
			walk(n, func(o *html.Node) {
				if o.Type == html.ElementNode && o.Data == "option" {
					if first || hasAttr(o, "selected") {
						val = attr(o, "value")
					}
					first = false
				}
			})
			v.Add(name, val)
		}
	})
	return v
}

// textOfRaw is an element's text without collapsing spaces (textarea values).
func textOfRaw(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// planCount is how many plans the register holds.
func (a *app) planCount() int {
	a.t.Helper()
	plans, err := a.store.Plans(context.Background())
	if err != nil {
		a.t.Fatal(err)
	}
	return len(plans)
}

func referencePlan(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../demo/ca-mau-kh-nq71.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportReferencePlan uploads the reference plan, checks the preview,
// confirms it and finds the plan as a tree.
func TestImportReferencePlan(t *testing.T) {
	a := newApp(t)
	c := a.as("coordinator")
	r := c.upload("ca-mau-kh-nq71.txt", bytes.NewReader(referencePlan(t)))
	if r.status != http.StatusOK {
		t.Fatalf("preview: %d\n%s", r.status, excerpt(r.body))
	}
	d := r.doc()
	if got := d.text("dd.task-total"); got != "63" {
		t.Errorf("preview task count %q, want 63", got)
	}
	warned := false
	for _, li := range d.all("ul.warnings li") {
		warned = warned || strings.Contains(textOf(li), "IV")
	}
	if !warned {
		t.Errorf("no warning about the missing mục IV: %v", d.all("ul.warnings li"))
	}
	if d.count("ul.references li") == 0 {
		t.Error("no cited documents in the preview")
	}
	if got := d.text(".regime p"); !strings.Contains(got, "hằng quý") || !strings.Contains(got, "ngày 10") {
		t.Errorf("regime %q", got)
	}
	if n := d.count(".preview-tree .node-group"); n < 7 {
		t.Errorf("preview tree shows %d groups", n)
	}
	if n := d.count(".preview-tree li.task-row"); n != 63 {
		t.Errorf("preview tree shows %d tasks", n)
	}
	if a.planCount() != 1 {
		t.Fatal("the preview stored a plan")
	}

	v := formValues(d, "form.confirm")
	if v.Get("data") == "" || v.Get("digest") == "" {
		t.Fatalf("preview form does not carry the file: %v", v)
	}
	// A bad date: the preview comes back with the file still carried.
	v.Set("code", "71/KH-UBND")
	v.Set("issued_on", "32/13/2025")
	r = c.post("/import/confirm", v)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("confirm with bad date: %d", r.status)
	}
	d = r.doc()
	if got := d.text(".field.invalid[data-field=issued_on] .field-error"); !strings.Contains(got, "không hợp lệ") {
		t.Errorf("a date typed wrong is said as %q", got)
	}
	if a.planCount() != 1 {
		t.Fatal("an invalid confirm stored a plan")
	}
	v = formValues(d, "form.confirm")
	if v.Get("code") != "71/KH-UBND" {
		t.Errorf("code not kept: %q", v.Get("code"))
	}
	v.Set("issued_on", "15/05/2025")
	v.Set("issuer", "Ủy ban nhân dân tỉnh Cà Mau")
	r = c.post("/import/confirm", v)
	if r.status != http.StatusOK {
		t.Fatalf("confirm: %d\n%s", r.status, excerpt(r.body))
	}
	if a.planCount() != 2 {
		t.Fatal("confirm did not store the plan")
	}
	// The success message: the counts and the way to the plan.
	d = r.doc()
	if got := d.text(".import-done .done-summary"); !strings.Contains(got, "71/KH-UBND") || !strings.Contains(got, "15/05/2025") || d.text(".done-tasks") != "63" {
		t.Errorf("success message %q", got)
	}
	link := attr(d.one("a.plan-link"), "href")
	d = c.get(link).doc()
	if got := d.text("dd.total"); got != "63" {
		t.Errorf("stored plan has %s tasks", got)
	}
	if n := d.count(".node-group"); n < 7 {
		t.Errorf("plan tree shows %d groups", n)
	}
	if n := d.count(".node-subgroup"); n < 8 {
		t.Errorf("plan tree shows %d sub-groups (4.1–4.6, 7.1–7.2)", n)
	}
	if d.count("details.part-text") == 0 {
		t.Error("parts I, II, V, VI are not folded plan text")
	}
	if got := d.text("h1"); got != "Kế hoạch 71/KH-UBND" {
		t.Errorf("title %q", got)
	}
	// Confirming the same code twice (sending the form again) is refused with a message.
	r = c.post("/import/confirm", v)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.doc().text("[data-field=code] .field-error"), "đã có") {
		t.Errorf("duplicate code: %d", r.status)
	}
	if a.planCount() != 2 {
		t.Error("a duplicate code stored a plan")
	}
}

// TestImportTamperedFile checks that a carried file that does not match its
// digest is refused and nothing stored.
func TestImportTamperedFile(t *testing.T) {
	a := newApp(t)
	c := a.as("admin")
	d := c.upload("kh.txt", bytes.NewReader(referencePlan(t))).doc()
	v := formValues(d, "form.confirm")
	v.Set("data", v.Get("data")[:len(v.Get("data"))-8]+"AAAAAAAA")
	r := c.post("/import/confirm", v)
	if r.status != http.StatusBadRequest || !strings.Contains(r.doc().text(".import-error"), "tải tệp lên lần nữa") {
		t.Errorf("tampered file: %d\n%s", r.status, excerpt(r.body))
	}
	if a.planCount() != 1 {
		t.Error("a tampered file was stored")
	}
}

// TestImportBadFiles checks that each kind of bad file comes back to the
// upload page with the importer's message, and that nothing is stored.
func TestImportBadFiles(t *testing.T) {
	a := newApp(t)
	c := a.as("coordinator")
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7919 + 13)
	}
	cases := []struct {
		name     string
		filename string
		data     func() io.Reader
		status   int
		want     string // part of the message
	}{
		{"empty", "kh.txt", func() io.Reader { return strings.NewReader("") }, 422, "rỗng"},
		{"garbage", "kh.txt", func() io.Reader { return bytes.NewReader(garbage) }, 422, ""},
		{"docx not a zip", "kh.docx", func() io.Reader { return bytes.NewReader(garbage) }, 422, "ZIP"},
		{"zip bomb", "kh.docx", func() io.Reader { return bytes.NewReader(zipBomb(t)) }, 413, ""},
		{"100 MB", "kh.txt", func() io.Reader { return io.LimitReader(repeatReader('a'), 100<<20) }, 413, "quá lớn"},
		{"xlsx without columns", "phu-luc.xlsx", func() io.Reader {
			return bytes.NewReader(xlsxFile(t, [][]string{{"Tên", "Ghi chú"}, {"Việc 1", "x"}}))
		}, 422, ""},
		{"no numbered sections", "kh.txt", func() io.Reader {
			return strings.NewReader("Một đoạn văn không có mục nào.\nĐoạn thứ hai.")
		}, 422, ""},
	}
	for _, tc := range cases {
		r := c.upload(tc.filename, tc.data())
		if r.status != tc.status {
			t.Errorf("%s: status %d, want %d\n%s", tc.name, r.status, tc.status, excerpt(r.body))
			continue
		}
		d := r.doc()
		msg := d.text(".import-error")
		if msg == "" || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: message %q, want it to contain %q", tc.name, msg, tc.want)
		}
		d.one("form[action=/import] input[type=file]")
	}
	// No file chosen at all.
	req, _ := http.NewRequest("POST", a.srv.URL+"/import", strings.NewReader("--x--\r\n"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.Header.Set("Origin", a.srv.URL)
	if r := c.do(req); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.doc().text(".import-error"), "Hãy chọn tệp") {
		t.Errorf("no file: %d", r.status)
	}
	if a.planCount() != 1 {
		t.Errorf("bad files stored %d plans", a.planCount()-1)
	}
}

// repeatReader yields the same byte forever.
type repeatReader byte

func (b repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// zipBomb is a small .docx whose document part inflates to 60 MB of zeros.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(w, io.LimitReader(repeatReader(0), 60<<20)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlsxFile builds a one-sheet workbook with the given rows.
func xlsxFile(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
