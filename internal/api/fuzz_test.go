package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzDecodeJSON: any request body is either decoded or refused with a
// client error (4xx) carrying a message — never a panic or a 5xx. Run with
//
//	go test ./internal/api -run '^$' -fuzz FuzzDecodeJSON -fuzztime 30s
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"product": "a"}`, `{"product": null}`, `{"product": 1}`, `[]`, `{"a":`, `{"product":"\ud800"}`,
		`{"product": "a"} {"product": "b"}`, "\xef\xbb\xbf{}", `{"deadline_text": "Quý III/2025", "lead_agency_id": 1e400}`} {
		f.Add(s, "application/json")
	}
	f.Add(`{}`, "text/plain")
	f.Fuzz(func(t *testing.T, body, ctype string) {
		req := httptest.NewRequest("PATCH", "/api/v1/tasks/1", bytes.NewReader([]byte(body)))
		req.Header.Set("Content-Type", ctype)
		var dst taskPatchBody
		err := decodeJSON(httptest.NewRecorder(), req, &dst)
		if err == nil {
			return
		}
		e := classify(err)
		if e.Status < 400 || e.Status >= 500 || e.Message == "" {
			t.Fatalf("body %q (%s): %d %q", body, ctype, e.Status, e.Message)
		}
		if e.Status == http.StatusInternalServerError {
			t.Fatal("500")
		}
	})
}
