package api_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// part is one part of a multipart/form-data body: a file when filename is
// set, else a plain field.
type part struct {
	field, filename string
	data            []byte
}

// fileField is the part "file" holding data named name.
func fileField(name string, data []byte) part { return part{field: "file", filename: name, data: data} }

// multipartBody encodes parts and returns the body and its Content-Type.
func multipartBody(parts ...part) (string, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.filename != "" {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.field, p.filename))
			h.Set("Content-Type", "application/octet-stream") // what the client says does not count
			w, err = mw.CreatePart(h)
		} else {
			w, err = mw.CreateFormField(p.field)
		}
		if err != nil {
			panic(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	return b.String(), mw.FormDataContentType()
}

// uploadTo is a scenario row posting parts to report key's files (key is
// a fixture key, or a literal ID).
func uploadTo(name, key string, as auth.Role, status int, code string, check func(*testing.T, *env, *response), parts ...part) scenario {
	body, ct := multipartBody(parts...)
	if key[0] < '0' || key[0] > '9' {
		key = "{" + key + "}"
	}
	return scenario{name: name, method: "POST", path: "/reports/" + key + "/files", as: as, body: body,
		header: map[string]string{"Content-Type": ct}, status: status, code: code, check: check}
}

// Evidence file contents: real headers of each accepted type, and some that are not.
var (
	pdfData = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	pngData = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	exeData = []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.")
)

// docxData is a minimal Word package: a ZIP with the parts that make it one.
func docxData() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><x/>`))
	}
	zw.Close()
	return b.Bytes()
}

// filesAre checks the file names of report key, as the coordinator reads it,
// and its version: a refused upload stores nothing.
func filesAre(key string, version int64, names ...string) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, _ *response) {
		t.Helper()
		r := e.report(t, key)
		var got []string
		for _, f := range r.JSON["files"].([]any) {
			got = append(got, get(f, "name").(string))
		}
		if strings.Join(got, "|") != strings.Join(names, "|") || num(r.JSON["version"]) != version {
			t.Errorf("report %s: files %q version %v, want %q version %d", key, got, r.JSON["version"], names, version)
		}
	}
}

// The Vietnamese file name of the tests, and how a download names it.
const (
	vnName      = "Báo cáo quý II – Sở KH&CN.pdf"
	vnName5987  = "B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20II%20%E2%80%93%20S%E1%BB%9F%20KH&CN.pdf"
	vnNameASCII = "Bao cao quy II _ So KH&CN.pdf"
)

// TestReportFiles: evidence files through the API — upload checked by
// content, download to those who may read the report only, removal under
// the edit rule; refused uploads store nothing.
func TestReportFiles(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	docx := docxData()
	sum := sha256.Sum256(pdfData)
	play(t, e, []scenario{
		uploadTo("the officer attaches a PDF to the report", "R.KHCN", auth.RoleOfficer, 201, "", func(t *testing.T, e *env, r *response) {
			e.ids["F1"] = num(r.JSON["id"])
			if r.Header.Get("Location") != "/api/v1/files/"+itoa(e.ids["F1"]) || r.JSON["name"] != vnName ||
				r.JSON["content_type"] != "application/pdf" || num(r.JSON["size"]) != int64(len(pdfData)) ||
				r.JSON["sha256"] != hex.EncodeToString(sum[:]) || r.JSON["task_id"] != nil ||
				num(r.JSON["uploaded_by"]) != e.ids["user:officer"] || r.JSON["uploaded_at"] == nil {
				t.Errorf("file = %s %s", r.Header.Get("Location"), r.Raw)
			}
			filesAre("R.KHCN", 2, vnName)(t, e, r)
			stateIs("R.KHCN", "draft", 2)(t, e, r)
		}, fileField(vnName, pdfData)),
		uploadTo("a DOCX for T1's line, from a Windows path", "R.KHCN", auth.RoleHead, 201, "", func(t *testing.T, e *env, r *response) {
			e.ids["F2"] = num(r.JSON["id"])
			if num(r.JSON["task_id"]) != e.ids["T1"] || r.JSON["name"] != "Biên bản.docx" || r.JSON["content_type"] != reporting.TypeDOCX {
				t.Errorf("file = %s", r.Raw)
			}
		}, fileField(`C:\Users\cb\Biên bản.docx`, docx), part{field: "task", data: []byte("{T1}")}),
		{name: "the head downloads it", path: "/files/{F1}", as: auth.RoleHead, status: 200, check: func(t *testing.T, e *env, r *response) {
			h := r.Header
			if !bytes.Equal(r.Raw, pdfData) || h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Content-Length") != itoa(int64(len(pdfData))) || h.Get("Cache-Control") != "no-store" {
				t.Errorf("download: %v %q", h, r.Raw)
			}
			cd := h.Get("Content-Disposition")
			if want := `attachment; filename="` + vnNameASCII + `"; filename*=UTF-8''` + vnName5987; cd != want {
				t.Errorf("Content-Disposition\n%s, want\n%s", cd, want)
			}
			if disp, params, err := mime.ParseMediaType(cd); err != nil || disp != "attachment" || params["filename"] != vnName {
				t.Errorf("Content-Disposition parses to %q %v %v", disp, params, err)
			}
		}},
		{name: "the coordinator may download it", path: "/files/{F2}", as: auth.RoleCoordinator, status: 200, check: func(t *testing.T, _ *env, r *response) {
			if !bytes.Equal(r.Raw, docx) || r.Header.Get("Content-Type") != reporting.TypeDOCX {
				t.Errorf("download: %v", r.Header)
			}
		}},
		{name: "another agency may not", path: "/files/{F1}", as: headTC, status: 403, code: "forbidden", check: ruleIs("other_agency")},
		{name: "nor the leader before acceptance", path: "/files/{F1}", as: auth.RoleLeader, status: 403, code: "forbidden", check: ruleIs("accepted_only")},
		{name: "no such file", path: "/files/999999", as: auth.RoleHead, status: 404, code: "not_found"},
		uploadTo("a program renamed .pdf is refused by its content", "R.KHCN", auth.RoleOfficer, 422, "invalid",
			all(wantField("file"), ruleIs("file_type"), messageHas(reporting.ErrFileType.Error()), filesAre("R.KHCN", 3, vnName, "Biên bản.docx")),
			fileField("baocao.pdf", exeData)),
		uploadTo("a PNG named .pdf", "R.KHCN", auth.RoleOfficer, 422, "invalid",
			all(wantField("file"), ruleIs("file_mismatch"), messageHas(reporting.ErrFileMismatch.Error()), filesAre("R.KHCN", 3, vnName, "Biên bản.docx")),
			fileField("anh.pdf", pngData)),
		uploadTo("a text file", "R.KHCN", auth.RoleOfficer, 422, "invalid", all(ruleIs("file_type"), filesAre("R.KHCN", 3, vnName, "Biên bản.docx")),
			fileField("ghichu.txt", []byte("ghi chú"))),
		uploadTo("an empty file", "R.KHCN", auth.RoleOfficer, 422, "invalid", all(wantField("file"), ruleIs("file_empty")),
			fileField("trong.pdf", nil)),
		uploadTo("no file", "R.KHCN", auth.RoleOfficer, 422, "invalid", wantField("file"), part{field: "task", data: []byte("{T1}")}),
		uploadTo("a file without a name", "R.KHCN", auth.RoleOfficer, 422, "invalid", wantField("file"), part{field: "file", data: pdfData}),
		uploadTo("a task the agency has nothing to do with", "R.KHCN", auth.RoleOfficer, 422, "invalid",
			all(wantField("task"), ruleIs("not_assigned"), filesAre("R.KHCN", 3, vnName, "Biên bản.docx")),
			fileField("a.pdf", pdfData), part{field: "task", data: []byte("{T3}")}),
		uploadTo("a task that is not an ID", "R.KHCN", auth.RoleOfficer, 400, "bad_request", wantField("task"),
			fileField("a.pdf", pdfData), part{field: "task", data: []byte("T1")}),
		uploadTo("an unknown field", "R.KHCN", auth.RoleOfficer, 400, "bad_request", wantField("note"),
			fileField("a.pdf", pdfData), part{field: "note", data: []byte("x")}),
		uploadTo("two files at once", "R.KHCN", auth.RoleOfficer, 400, "bad_request", filesAre("R.KHCN", 3, vnName, "Biên bản.docx"),
			fileField("a.pdf", pdfData), fileField("b.pdf", pdfData)),
		{name: "JSON is not an upload", method: "POST", path: "/reports/{R.KHCN}/files", as: auth.RoleOfficer, body: `{"file":"a.pdf"}`,
			status: 415, code: "unsupported_media_type"},
		uploadTo("another agency may not attach", "R.KHCN", headTC, 403, "forbidden", ruleIs("other_agency"), fileField("a.pdf", pdfData)),
		uploadTo("nor the coordinator", "R.KHCN", auth.RoleCoordinator, 403, "forbidden", ruleIs("agency_only"), fileField("a.pdf", pdfData)),
		uploadTo("a report that does not exist", "999999", auth.RoleOfficer, 404, "not_found", nil, fileField("a.pdf", pdfData)),
		uploadTo("a cooperating agency attaches to its part of T1", "R.TC", officerTC, 201, "", func(t *testing.T, e *env, r *response) {
			if num(r.JSON["task_id"]) != e.ids["T1"] {
				t.Errorf("file = %s", r.Raw)
			}
		}, fileField("anh.png", pngData), part{field: "task", data: []byte("{T1}")}),
		{name: "another agency may not remove it", method: "DELETE", path: "/files/{F2}", as: headTC, status: 403, code: "forbidden",
			check: all(ruleIs("other_agency"), filesAre("R.KHCN", 3, vnName, "Biên bản.docx"))},
		{name: "nor the coordinator", method: "DELETE", path: "/files/{F2}", as: auth.RoleCoordinator, status: 403, code: "forbidden",
			check: ruleIs("agency_only")},
		{name: "the officer removes the DOCX", method: "DELETE", path: "/files/{F2}", as: auth.RoleOfficer, status: 204,
			check: all(filesAre("R.KHCN", 4, vnName), func(t *testing.T, _ *env, r *response) {
				if len(r.Raw) != 0 {
					t.Errorf("204 with a body: %q", r.Raw)
				}
			})},
		{name: "it is gone", path: "/files/{F2}", as: auth.RoleOfficer, status: 404, code: "not_found"},
		{name: "removing it twice", method: "DELETE", path: "/files/{F2}", as: auth.RoleOfficer, status: 404, code: "not_found"},
	})
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":60}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "accept")
	play(t, e, []scenario{
		{name: "an accepted report's files stay", method: "DELETE", path: "/files/{F1}", as: auth.RoleOfficer, status: 409, code: "conflict",
			check: ruleIs("locked")},
		uploadTo("and it takes no more", "R.KHCN", auth.RoleOfficer, 409, "conflict", ruleIs("locked"), fileField("a.pdf", pdfData)),
		{name: "the leader downloads once accepted", path: "/files/{F1}", as: auth.RoleLeader, status: 200},
	})
}

// TestReportFileTooLarge: a file over 20 MB is refused with 413 and nothing
// stored, whether the client announces its length or streams it.
func TestReportFileTooLarge(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	big := func(n int) []byte { return append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("a"), n-9)...) }
	play(t, e, []scenario{
		uploadTo("one byte over, length announced", "R.KHCN", auth.RoleOfficer, 413, "too_large",
			all(wantField("file"), ruleIs("file_too_large"), messageHas("20 MB"), filesAre("R.KHCN", 1)),
			fileField("lon.pdf", big(reporting.MaxFileSize+1))),
		uploadTo("exactly 20 MB is fine", "R.KHCN", auth.RoleOfficer, 201, "", nil, fileField("vua.pdf", big(reporting.MaxFileSize))),
	})
	// Streamed (no Content-Length), far over the limit: http.MaxBytesReader stops it.
	body, ct := multipartBody(fileField("lon.pdf", big(reporting.MaxFileSize+1<<20)))
	req := httptest.NewRequest("POST", "/api/v1"+e.path("/reports/{R.KHCN}/files"), io.MultiReader(strings.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.tokens[auth.RoleOfficer])
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	e.checkContract(req, rec)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), `"too_large"`) {
		t.Errorf("streamed: %d %s", rec.Code, rec.Body)
	}
	filesAre("R.KHCN", 2, "vua.pdf")(t, e, nil)
}
